package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.Achievement;
import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.Amount;
import dev.ludus.engine.Level;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.PointsTrigger;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.leaderboard.LeaderboardCodec;
import dev.ludus.leaderboard.LeaderboardRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads rule definitions from request bodies (strictly: every bad member answers 400 naming it) and
 * writes them back as canonical JSON, which is also how they are stored. Stateless.
 */
public final class RuleCodec {

    /** Keys of metrics, points systems and achievements. */
    public static final Pattern KEY = Pattern.compile("[a-z0-9_.-]{1,64}");
    /** Names of event attributes and of trigger filter entries. */
    public static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    public static final int MAX_NAME = 200;
    public static final int MAX_DESCRIPTION = 2000;
    public static final int MAX_TRIGGERS = 50;
    public static final int MAX_LEVELS = 100;
    public static final int MAX_PREREQUISITES = 20;
    public static final int MAX_FILTER_ENTRIES = 10;
    public static final int MAX_ATTRIBUTE_VALUE = 256;
    /** The largest number of points one trigger, reward or adjustment may name. */
    public static final long MAX_POINTS = 1_000_000_000L;
    /** The largest balance cap and level threshold. */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private RuleCodec() { }

    /** The key from the path; 400 naming {@code key} when malformed. */
    public static String key(String raw) {
        if (raw == null || !KEY.matcher(raw).matches()) {
            throw ApiException.invalidField("key", "a key must match [a-z0-9_.-]{1,64}");
        }
        return raw;
    }

    /** The rule of {@code kind} that {@code body} defines. */
    public static Object read(RuleKind kind, String key, JsonBody body) {
        return switch (kind) {
            case METRIC -> metric(key, body);
            case POINTS_SYSTEM -> pointsSystem(key, body);
            case ACHIEVEMENT -> achievement(key, body);
            case LEADERBOARD -> LeaderboardCodec.read(key, body);
            case STREAK -> StreakCodec.streak(key, body);
        };
    }

    public static MetricRule metric(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "allow_negative"));
        return new MetricRule(key, body.string("name", MAX_NAME).orElse(key),
                body.string("description", MAX_DESCRIPTION), body.bool("allow_negative").orElse(false));
    }

    public static PointsSystem pointsSystem(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "triggers", "max_points", "allow_negative", "levels"));
        List<PointsTrigger> triggers = new ArrayList<>();
        for (JsonBody trigger : body.objects("triggers", MAX_TRIGGERS).orElse(List.of())) {
            triggers.add(pointsTrigger(trigger));
        }
        List<Level> levels = new ArrayList<>();
        for (JsonBody level : body.objects("levels", MAX_LEVELS).orElse(List.of())) {
            level.allowOnly(Set.of("name", "threshold"));
            long threshold = level.integer("threshold", -MAX_BALANCE, MAX_BALANCE)
                    .orElseThrow(() -> ApiException.invalidField(level.field("threshold"), "'"
                            + level.field("threshold") + "' is required"));
            if (!levels.isEmpty() && threshold <= levels.getLast().threshold()) {
                throw ApiException.invalidField(level.field("threshold"),
                        "level thresholds must be strictly ascending");
            }
            levels.add(new Level(level.requiredString("name", MAX_NAME), threshold));
        }
        Optional<Long> cap = body.integer("max_points", 1, MAX_BALANCE);
        return new PointsSystem(key, body.string("name", MAX_NAME).orElse(key), body.string("description", MAX_DESCRIPTION),
                triggers, cap.map(OptionalLong::of).orElse(OptionalLong.empty()),
                body.bool("allow_negative").orElse(false), levels);
    }

    private static PointsTrigger pointsTrigger(JsonBody trigger) {
        String type = trigger.requiredString("type", 32);
        if (!type.equals("metric") && !type.equals("achievement") && !type.equals("streak")) {
            throw ApiException.invalidField(trigger.field("type"),
                    "'" + trigger.field("type") + "' must be 'metric', 'achievement' or 'streak'");
        }
        long points = trigger.integer("points", -MAX_POINTS, MAX_POINTS)
                .filter(value -> value != 0)
                .orElseThrow(() -> ApiException.invalidField(trigger.field("points"),
                        "'" + trigger.field("points") + "' is required: a non-zero whole number"));
        return switch (type) {
            case "metric" -> {
                trigger.allowOnly(Set.of("type", "metric", "points", "per", "filter"));
                Amount per = trigger.decimal("per").map(value -> amount(trigger, "per", value)).orElse(Amount.ONE);
                if (per.micros() <= 0) {
                    throw ApiException.invalidField(trigger.field("per"), "'" + trigger.field("per") + "' must be positive");
                }
                Map<String, String> filter = trigger.stringMap("filter", MAX_FILTER_ENTRIES, ATTRIBUTE_NAME,
                        MAX_ATTRIBUTE_VALUE).orElse(Map.of());
                yield new PointsTrigger.PerMetric(referencedKey(trigger, "metric"), points, per, filter);
            }
            case "achievement" -> {
                trigger.allowOnly(Set.of("type", "achievement", "points"));
                yield new PointsTrigger.OnAchievement(referencedKey(trigger, "achievement"), points);
            }
            case "streak" -> {
                trigger.allowOnly(Set.of("type", "streak", "length", "points"));
                yield new PointsTrigger.OnStreak(referencedKey(trigger, "streak"), streakLength(trigger), points);
            }
            default -> throw ApiException.invalidField(trigger.field("type"),
                    "'" + trigger.field("type") + "' must be 'metric', 'achievement' or 'streak'");
        };
    }

    public static Achievement achievement(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "hidden", "trigger", "reward"));
        JsonBody trigger = body.requiredObject("trigger");
        String type = trigger.requiredString("type", 32);
        Criterion criterion = switch (type) {
            case "metric" -> {
                trigger.allowOnly(Set.of("type", "metric", "threshold"));
                BigDecimal threshold = trigger.decimal("threshold").orElseThrow(() -> ApiException.invalidField(
                        trigger.field("threshold"), "'" + trigger.field("threshold") + "' is required"));
                if (threshold.signum() <= 0) {
                    throw ApiException.invalidField(trigger.field("threshold"), "'" + trigger.field("threshold")
                            + "' must be above zero");
                }
                yield new Criterion.MetricTotal(referencedKey(trigger, "metric"), amount(trigger, "threshold", threshold));
            }
            case "api" -> {
                trigger.allowOnly(Set.of("type"));
                yield new Criterion.ApiCall();
            }
            case "streak" -> {
                trigger.allowOnly(Set.of("type", "streak", "length"));
                yield new Criterion.StreakLength(referencedKey(trigger, "streak"), streakLength(trigger));
            }
            case "composite" -> {
                trigger.allowOnly(Set.of("type", "prerequisites"));
                List<String> prerequisites = trigger.strings("prerequisites", MAX_PREREQUISITES, 64)
                        .filter(list -> !list.isEmpty())
                        .orElseThrow(() -> ApiException.invalidField(trigger.field("prerequisites"),
                                "'" + trigger.field("prerequisites") + "' must list 1 to " + MAX_PREREQUISITES
                                        + " achievement keys"));
                for (String prerequisite : prerequisites) {
                    if (!KEY.matcher(prerequisite).matches()) {
                        throw ApiException.invalidField(trigger.field("prerequisites"), "'" + prerequisite
                                + "' is not an achievement key");
                    }
                    if (prerequisite.equals(key)) {
                        throw ApiException.invalidField(trigger.field("prerequisites"),
                                "an achievement cannot be its own prerequisite");
                    }
                }
                yield new Criterion.AllOf(List.copyOf(new java.util.LinkedHashSet<>(prerequisites)));
            }
            default -> throw ApiException.invalidField(trigger.field("type"),
                    "'" + trigger.field("type") + "' must be 'metric', 'streak', 'api' or 'composite'");
        };
        Optional<Achievement.Reward> reward = body.object("reward").map(value -> {
            value.allowOnly(Set.of("system", "points"));
            long points = value.integer("points", 1, MAX_POINTS).orElseThrow(() -> ApiException.invalidField(
                    value.field("points"), "'" + value.field("points") + "' is required"));
            return new Achievement.Reward(referencedKey(value, "system"), points);
        });
        return new Achievement(key, body.string("name", MAX_NAME).orElse(key), body.string("description", MAX_DESCRIPTION),
                body.bool("hidden").orElse(false), criterion, reward);
    }

    /** The largest streak length a trigger or achievement may name: about 27 years of days. */
    public static final long MAX_STREAK_LENGTH = 10_000;

    private static int streakLength(JsonBody trigger) {
        return trigger.integer("length", 1, MAX_STREAK_LENGTH).map(Long::intValue)
                .orElseThrow(() -> ApiException.invalidField(trigger.field("length"), "'" + trigger.field("length")
                        + "' is required: a whole number of periods from 1 to " + MAX_STREAK_LENGTH));
    }

    static String referencedKey(JsonBody body, String name) {
        String value = body.requiredString(name, 64);
        if (!KEY.matcher(value).matches()) {
            throw ApiException.invalidField(body.field(name), "'" + body.field(name) + "' is not a valid key");
        }
        return value;
    }

    static Amount amount(JsonBody body, String name, BigDecimal value) {
        try {
            return Amount.exact(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(body.field(name), "'" + body.field(name) + "' " + e.getMessage());
        }
    }

    /** The rules a definition refers to, as {@code kind:key}. */
    public static Set<String> references(Object rule) {
        Set<String> refs = new HashSet<>();
        switch (rule) {
            case PointsSystem system -> system.triggers().forEach(trigger -> refs.add(switch (trigger) {
                case PointsTrigger.PerMetric perMetric -> RuleKind.METRIC.ref(perMetric.metric());
                case PointsTrigger.OnAchievement on -> RuleKind.ACHIEVEMENT.ref(on.achievement());
                case PointsTrigger.OnStreak on -> RuleKind.STREAK.ref(on.streak());
            }));
            case dev.ludus.engine.StreakRule streak ->
                    streak.conditions().forEach(condition -> refs.add(RuleKind.METRIC.ref(condition.metric())));
            case Achievement achievement -> {
                switch (achievement.criterion()) {
                    case Criterion.MetricTotal total -> refs.add(RuleKind.METRIC.ref(total.metric()));
                    case Criterion.AllOf all -> all.prerequisites().forEach(p -> refs.add(RuleKind.ACHIEVEMENT.ref(p)));
                    case Criterion.StreakLength streak -> refs.add(RuleKind.STREAK.ref(streak.streak()));
                    case Criterion.ApiCall api -> { }
                }
                achievement.reward().ifPresent(reward -> refs.add(RuleKind.POINTS_SYSTEM.ref(reward.system())));
            }
            case LeaderboardRule board -> refs.add(LeaderboardCodec.reference(board));
            default -> { }
        }
        return refs;
    }

    // ---- canonical JSON ----

    public static ObjectNode json(MetricRule metric) {
        ObjectNode node = NODES.objectNode();
        node.put("name", metric.name());
        node.put("description", metric.description().orElse(null));
        node.put("allow_negative", metric.allowNegative());
        return node;
    }

    public static ObjectNode json(PointsSystem system) {
        ObjectNode node = NODES.objectNode();
        node.put("name", system.name());
        node.put("description", system.description().orElse(null));
        ArrayNode triggers = node.putArray("triggers");
        for (PointsTrigger trigger : system.triggers()) {
            ObjectNode item = triggers.addObject();
            switch (trigger) {
                case PointsTrigger.PerMetric perMetric -> {
                    item.put("type", "metric").put("metric", perMetric.metric()).put("points", perMetric.points())
                            .put("per", perMetric.per().toDecimal());
                    ObjectNode filter = item.putObject("filter");
                    new java.util.TreeMap<>(perMetric.filter()).forEach(filter::put);
                }
                case PointsTrigger.OnAchievement on ->
                        item.put("type", "achievement").put("achievement", on.achievement()).put("points", on.points());
                case PointsTrigger.OnStreak on -> item.put("type", "streak").put("streak", on.streak())
                        .put("length", on.length()).put("points", on.points());
            }
        }
        if (system.maxPoints().isPresent()) {
            node.put("max_points", system.maxPoints().getAsLong());
        } else {
            node.putNull("max_points");
        }
        node.put("allow_negative", system.allowNegative());
        ArrayNode levels = node.putArray("levels");
        system.levels().forEach(level -> levels.addObject().put("name", level.name()).put("threshold", level.threshold()));
        return node;
    }

    public static ObjectNode json(Achievement achievement) {
        ObjectNode node = NODES.objectNode();
        node.put("name", achievement.name());
        node.put("description", achievement.description().orElse(null));
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
