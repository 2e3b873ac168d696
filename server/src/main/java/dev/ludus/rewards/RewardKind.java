package dev.ludus.rewards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.Reward;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.ActiveRules;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.kinds.PointsSystemKind;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Rewards ({@code /v1/rewards}): what a unit costs in one points system, and who may redeem one when.
 * A reward refers to its points system.
 *
 * <pre>
 * {"name"?, "description"?, "points_system", "cost", "stock"?, "per_user_limit"?, "available_from"?,
 *  "available_until"?, "level_required"?}
 * </pre>
 */
public final class RewardKind extends AbstractRuleKind<Reward> {

    public static final RewardKind KIND = new RewardKind();

    /** The largest stock of one reward. */
    public static final long MAX_STOCK = 1_000_000_000L;
    /** The largest limit per user. */
    public static final int MAX_PER_USER = 1_000_000;

    private RewardKind() {
        super("reward", "rewards", Reward.class);
    }

    @Override
    public Reward read(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "points_system", "cost", "stock", "per_user_limit",
                "available_from", "available_until", "level_required", "image_url"));
        String system = RuleCodec.referencedKey(body, "points_system");
        long cost = body.integer("cost", 1, RuleCodec.MAX_POINTS).orElseThrow(() -> ApiException.invalidField(
                body.field("cost"), "'" + body.field("cost") + "' is required: a whole number from 1 to "
                        + RuleCodec.MAX_POINTS));
        OptionalLong stock = body.integer("stock", 0, MAX_STOCK).map(OptionalLong::of).orElse(OptionalLong.empty());
        OptionalInt perUser = body.integer("per_user_limit", 1, MAX_PER_USER).map(value -> OptionalInt.of(value.intValue()))
                .orElse(OptionalInt.empty());
        Optional<Instant> from = body.instant("available_from");
        Optional<Instant> until = body.instant("available_until");
        if (from.isPresent() && until.isPresent() && !until.get().isAfter(from.get())) {
            throw ApiException.invalidField(body.field("available_until"), "'" + body.field("available_until")
                    + "' must be after 'available_from'");
        }
        OptionalInt level = body.integer("level_required", 1, PointsSystemKind.MAX_LEVELS)
                .map(value -> OptionalInt.of(value.intValue())).orElse(OptionalInt.empty());
        return new Reward(key, RuleCodec.name(body, key),
                RuleCodec.description(body), system, cost, stock, perUser, from, until, level, body.httpsUrl("image_url"));
    }

    @Override
    public ObjectNode write(Reward reward) {
        ObjectNode node = RuleCodec.named(reward.name(), reward.description());
        node.put("image_url", reward.imageUrl().orElse(null));
        node.put("points_system", reward.pointsSystem());
        node.put("cost", reward.cost());
        if (reward.stock().isPresent()) {
            node.put("stock", reward.stock().getAsLong());
        } else {
            node.putNull("stock");
        }
        if (reward.perUserLimit().isPresent()) {
            node.put("per_user_limit", reward.perUserLimit().getAsInt());
        } else {
            node.putNull("per_user_limit");
        }
        node.put("available_from", reward.availableFrom().map(Instant::toString).orElse(null));
        node.put("available_until", reward.availableUntil().map(Instant::toString).orElse(null));
        if (reward.levelRequired().isPresent()) {
            node.put("level_required", reward.levelRequired().getAsInt());
        } else {
            node.putNull("level_required");
        }
        return node;
    }

    @Override
    public Set<String> references(Reward reward) {
        return Set.of(PointsSystemKind.KIND.ref(reward.pointsSystem()));
    }

    @Override
    public String referenceField(Reward reward, List<String> missing) {
        return "points_system";
    }

    /** The level required must be one of the points system's levels. */
    @Override
    public void checkActive(String key, Reward reward, ActiveRules active) {
        if (reward.levelRequired().isEmpty()) {
            return;
        }
        int levels = active.find(PointsSystemKind.KIND, reward.pointsSystem()).map(PointsSystem::levels)
                .map(List::size).orElse(0);
        if (reward.levelRequired().getAsInt() > levels) {
            throw ApiException.invalidField("level_required", "'level_required' must be the number of a level of '"
                    + reward.pointsSystem() + "', which has " + levels + (levels == 1 ? " level" : " levels"));
        }
    }
}
