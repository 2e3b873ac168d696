package dev.ludus.rules.kinds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.Achievement;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.ActiveRules;
import dev.ludus.rules.RuleCodec;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Achievements ({@code /v1/achievements}): unlocked once per user by a metric total, a streak length,
 * an API call or a set of prerequisite achievements, optionally rewarding points. They refer to the
 * metric, streak or achievements of their trigger and to the points system of their reward; composite
 * prerequisites must not lead back to the achievement.
 *
 * <pre>
 * {"name"?, "description"?, "hidden"?, "trigger": {"type": "metric", "metric", "threshold"}
 *  | {"type": "streak", "streak", "length"} | {"type": "api"} | {"type": "composite", "prerequisites"},
 *  "reward"?: {"system", "points"}}
 * </pre>
 */
public final class AchievementKind extends AbstractRuleKind<Achievement> {

    public static final AchievementKind KIND = new AchievementKind();

    public static final int MAX_PREREQUISITES = 20;

    private AchievementKind() {
        super("achievement", "achievements", Achievement.class);
    }

    @Override
    public Achievement read(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "hidden", "trigger", "reward", "image_url"));
        Criterion criterion = criterion(key, body.requiredObject("trigger"));
        Optional<Achievement.Reward> reward = body.object("reward").map(value -> {
            value.allowOnly(Set.of("system", "points"));
            long points = value.integer("points", 1, RuleCodec.MAX_POINTS).orElseThrow(() -> ApiException.invalidField(
                    value.field("points"), "'" + value.field("points") + "' is required"));
            return new Achievement.Reward(RuleCodec.referencedKey(value, "system"), points);
        });
        return new Achievement(key, RuleCodec.name(body, key),
                RuleCodec.description(body), body.bool("hidden").orElse(false), criterion,
                reward, body.httpsUrl("image_url"));
    }

    private static Criterion criterion(String key, JsonBody trigger) {
        String type = trigger.requiredString("type", 32);
        return switch (type) {
            case "metric" -> {
                trigger.allowOnly(Set.of("type", "metric", "threshold"));
                BigDecimal threshold = trigger.decimal("threshold").orElseThrow(() -> ApiException.invalidField(
                        trigger.field("threshold"), "'" + trigger.field("threshold") + "' is required"));
                if (threshold.signum() <= 0) {
                    throw ApiException.invalidField(trigger.field("threshold"), "'" + trigger.field("threshold")
                            + "' must be above zero");
                }
                yield new Criterion.MetricTotal(RuleCodec.referencedKey(trigger, "metric"),
                        RuleCodec.amount(trigger, "threshold", threshold));
            }
            case "api" -> {
                trigger.allowOnly(Set.of("type"));
                yield new Criterion.ApiCall();
            }
            case "streak" -> {
                trigger.allowOnly(Set.of("type", "streak", "length"));
                yield new Criterion.StreakLength(RuleCodec.referencedKey(trigger, "streak"), StreakKind.length(trigger));
            }
            case "composite" -> {
                trigger.allowOnly(Set.of("type", "prerequisites"));
                List<String> prerequisites = trigger.strings("prerequisites", MAX_PREREQUISITES, 64)
                        .filter(list -> !list.isEmpty())
                        .orElseThrow(() -> ApiException.invalidField(trigger.field("prerequisites"),
                                "'" + trigger.field("prerequisites") + "' must list 1 to " + MAX_PREREQUISITES
                                        + " achievement keys"));
                for (String prerequisite : prerequisites) {
                    if (!RuleCodec.KEY.matcher(prerequisite).matches()) {
                        throw ApiException.invalidField(trigger.field("prerequisites"), "'" + prerequisite
                                + "' is not an achievement key");
                    }
                    if (prerequisite.equals(key)) {
                        throw ApiException.invalidField(trigger.field("prerequisites"),
                                "an achievement cannot be its own prerequisite");
                    }
                }
                yield new Criterion.AllOf(List.copyOf(new LinkedHashSet<>(prerequisites)));
            }
            default -> throw ApiException.invalidField(trigger.field("type"),
                    "'" + trigger.field("type") + "' must be 'metric', 'streak', 'api' or 'composite'");
        };
    }

    @Override
    public Set<String> references(Achievement achievement) {
        Set<String> refs = new HashSet<>();
        switch (achievement.criterion()) {
            case Criterion.MetricTotal total -> refs.add(MetricKind.KIND.ref(total.metric()));
            case Criterion.AllOf all -> all.prerequisites().forEach(prerequisite -> refs.add(ref(prerequisite)));
            case Criterion.StreakLength streak -> refs.add(StreakKind.KIND.ref(streak.streak()));
            case Criterion.ApiCall api -> { }
        }
        achievement.reward().ifPresent(reward -> refs.add(PointsSystemKind.KIND.ref(reward.system())));
        return refs;
    }

    @Override
    public String referenceField(Achievement achievement, List<String> missing) {
        return missing.stream().allMatch(ref -> ref.startsWith(PointsSystemKind.KIND.name() + ":"))
                ? "reward.system" : "trigger";
    }

    /** 400 when the composite prerequisites of {@code achievement} lead back to it. */
    @Override
    public void checkActive(String key, Achievement achievement, ActiveRules active) {
        if (achievement.criterion() instanceof Criterion.AllOf && reaches(active, achievement, key)) {
            throw ApiException.invalidField("trigger.prerequisites", "the prerequisites of '" + key + "' lead back to it");
        }
    }

    /** True when following composite prerequisites from {@code start} arrives at {@code target}. */
    private boolean reaches(ActiveRules active, Achievement start, String target) {
        Deque<Achievement> pending = new ArrayDeque<>(List.of(start));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            if (pending.pop().criterion() instanceof Criterion.AllOf all) {
                for (String prerequisite : all.prerequisites()) {
                    if (prerequisite.equals(target)) {
                        return true;
                    }
                    if (seen.add(prerequisite)) {
                        active.find(this, prerequisite).ifPresent(pending::push);
                    }
                }
            }
        }
        return false;
    }

    @Override
    public ObjectNode write(Achievement achievement) {
        ObjectNode node = RuleCodec.named(achievement.name(), achievement.description());
        node.put("image_url", achievement.imageUrl().orElse(null));
        node.put("hidden", achievement.hidden());
        ObjectNode trigger = node.putObject("trigger");
        switch (achievement.criterion()) {
            case Criterion.MetricTotal total -> trigger.put("type", "metric").put("metric", total.metric())
                    .put("threshold", total.threshold().toDecimal());
            case Criterion.ApiCall api -> trigger.put("type", "api");
            case Criterion.StreakLength streak -> trigger.put("type", "streak").put("streak", streak.streak())
                    .put("length", streak.length());
            case Criterion.AllOf all -> {
                trigger.put("type", "composite");
                ArrayNode prerequisites = trigger.putArray("prerequisites");
                all.prerequisites().forEach(prerequisites::add);
            }
        }
        achievement.reward().ifPresentOrElse(
                reward -> node.putObject("reward").put("system", reward.system()).put("points", reward.points()),
                () -> node.putNull("reward"));
        return node;
    }
}
