package dev.ludus.rewards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.Reward;
import dev.ludus.rules.RuleAccess;
import dev.ludus.rules.RuleHooks;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.StoredRule;
import java.util.Map;
import java.util.OptionalLong;

/**
 * What a reward's views add to its definition: {@code redeemed} (units held: redemptions not
 * cancelled) and {@code remaining} (null for an unlimited stock), read once per request.
 */
final class RewardHooks implements RuleHooks<Reward> {

    private final RewardService rewards;

    RewardHooks(RewardService rewards) {
        this.rewards = rewards;
    }

    @Override
    public Put<Reward> put(String applicationId) {
        return new Put<>() {
            @Override
            public void answer(RuleService.Put<Reward> put, ObjectNode view) {
                counts(view, put.rule().rule(), rewards.taken(applicationId));
            }

            @Override
            public void preview(RuleService.Put<Reward> put, ObjectNode view) {
                answer(put, view);
            }
        };
    }

    @Override
    public Read<Reward> read(RuleAccess.Caller caller) {
        return new Read<>() {
            private Map<String, Long> taken;

            @Override
            public void one(StoredRule<Reward> rule, ObjectNode view) {
                counts(view, rule.rule(), taken());
            }

            @Override
            public void listed(StoredRule<Reward> rule, ObjectNode view) {
                counts(view, rule.rule(), taken());
            }

            private Map<String, Long> taken() {
                if (taken == null) {
                    taken = rewards.taken(caller.applicationId());
                }
                return taken;
            }
        };
    }

    private static void counts(ObjectNode view, Reward reward, Map<String, Long> taken) {
        long redeemed = taken.getOrDefault(reward.key(), 0L);
        view.put("redeemed", redeemed);
        OptionalLong remaining = reward.remaining(redeemed);
        if (remaining.isPresent()) {
            view.put("remaining", remaining.getAsLong());
        } else {
            view.putNull("remaining");
        }
    }
}
