package dev.ludus.rules.kinds;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.Achievement;
import dev.ludus.rules.RuleAccess;
import dev.ludus.rules.RuleHooks;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.StoredRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The achievement catalog: a PUT grants the achievement to every user who already qualifies
 * ({@code backfilled_users}; a dry run counts them and grants nothing); views carry completion counts and rarity, pages also whether the caller
 * holds each one; a hidden achievement is shown only to an admin or to a user who holds it.
 */
public final class AchievementHooks implements RuleHooks<Achievement> {

    private final AchievementStats stats;

    public AchievementHooks(AchievementStats stats) {
        this.stats = stats;
    }

    @Override
    public Put<Achievement> put(String applicationId) {
        return new Put<>() {
            @Override
            public void answer(RuleService.Put<Achievement> put, ObjectNode view) {
                String key = put.rule().key();
                int backfilled = stats.backfill(applicationId, key);
                addStats(view, key, stats.completions(applicationId), stats.users(applicationId));
                view.put("backfilled_users", backfilled);
            }

            @Override
            public void preview(RuleService.Put<Achievement> put, ObjectNode view) {
                String key = put.rule().key();
                int backfilled = stats.qualifying(applicationId, put.rule().rule());
                Map<String, Long> completions = new HashMap<>(stats.completions(applicationId));
                completions.merge(key, (long) backfilled, Long::sum);
                addStats(view, key, completions, stats.users(applicationId));
                view.put("backfilled_users", backfilled);
            }
        };
    }

    @Override
    public Read<Achievement> read(RuleAccess.Caller caller) {
        String applicationId = caller.applicationId();
        Set<String> unlocked = stats.unlockedBy(applicationId, caller.subject());
        return new Read<>() {
            private Map<String, Long> completions;
            private long users;

            @Override
            public boolean visible(StoredRule<Achievement> rule) {
                return !rule.rule().hidden() || caller.admin() || unlocked.contains(rule.key());
            }

            @Override
            public void one(StoredRule<Achievement> rule, ObjectNode view) {
                addStats(view, rule.key(), stats.completions(applicationId), stats.users(applicationId));
            }

            @Override
            public void listed(StoredRule<Achievement> rule, ObjectNode view) {
                if (completions == null) {
                    completions = stats.completions(applicationId);
                    users = stats.users(applicationId);
                }
                addStats(view, rule.key(), completions, users);
                view.put("unlocked", unlocked.contains(rule.key()));
            }
        };
    }

    private static void addStats(ObjectNode view, String key, Map<String, Long> completions, long users) {
        long count = completions.getOrDefault(key, 0L);
        view.put("completions", count);
        view.put("rarity", users == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(count).divide(BigDecimal.valueOf(users), 4, RoundingMode.HALF_UP).stripTrailingZeros());
    }
}
