package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.StreakPeriod;
import dev.ludus.engine.StreakRule;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads streak definitions strictly (every bad member answers 400 naming it) and writes them back
 * as canonical JSON. Stateless.
 *
 * <pre>
 * {"name", "description"?, "period": "daily"|"weekly", "week_start": "monday".."sunday",
 *  "conditions": [{"metric", "threshold"}], "combine": "all"|"any",
 *  "freezes": {"initial", "earn_every", "max"}}
 * </pre>
 */
public final class StreakCodec {

    public static final int MAX_CONDITIONS = 10;
    /** The most freezes a streak may let a user hold. */
    public static final long MAX_FREEZES = 365;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StreakCodec() { }

    public static StreakRule streak(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "period", "week_start", "conditions", "combine", "freezes"));
        StreakPeriod.Length length = switch (body.string("period", 16).orElse("daily")) {
            case "daily" -> StreakPeriod.Length.DAILY;
            case "weekly" -> StreakPeriod.Length.WEEKLY;
            default -> throw ApiException.invalidField("period", "'period' must be 'daily' or 'weekly'");
        };
        DayOfWeek weekStart = body.string("week_start", 16).map(StreakCodec::day).orElse(DayOfWeek.MONDAY);
        List<JsonBody> items = body.objects("conditions", MAX_CONDITIONS).filter(list -> !list.isEmpty())
                .orElseThrow(() -> ApiException.invalidField("conditions", "'conditions' must list 1 to "
                        + MAX_CONDITIONS + " conditions {\"metric\", \"threshold\"}"));
        List<StreakRule.Condition> conditions = new ArrayList<>();
        Set<String> metrics = new HashSet<>();
        for (JsonBody item : items) {
            item.allowOnly(Set.of("metric", "threshold"));
            String metric = RuleCodec.referencedKey(item, "metric");
            if (!metrics.add(metric)) {
                throw ApiException.invalidField(item.field("metric"), "metric '" + metric
                        + "' has two conditions; give it one");
            }
            BigDecimal threshold = item.decimal("threshold").orElse(BigDecimal.ONE);
            if (threshold.signum() <= 0) {
                throw ApiException.invalidField(item.field("threshold"), "'" + item.field("threshold")
                        + "' must be above zero");
            }
            conditions.add(new StreakRule.Condition(metric, RuleCodec.amount(item, "threshold", threshold)));
        }
        boolean all = switch (body.string("combine", 8).orElse("all")) {
            case "all" -> true;
            case "any" -> false;
            default -> throw ApiException.invalidField("combine", "'combine' must be 'all' or 'any'");
        };
        StreakRule.Freezes freezes = body.object("freezes").map(StreakCodec::freezes).orElse(StreakRule.Freezes.NONE);
        return new StreakRule(key, body.string("name", RuleCodec.MAX_NAME).orElse(key),
                body.string("description", RuleCodec.MAX_DESCRIPTION), length, weekStart, conditions, all, freezes);
    }

    private static StreakRule.Freezes freezes(JsonBody body) {
        body.allowOnly(Set.of("initial", "earn_every", "max"));
        int initial = body.integer("initial", 0, MAX_FREEZES).orElse(0L).intValue();
        int earnEvery = body.integer("earn_every", 0, RuleCodec.MAX_STREAK_LENGTH).orElse(0L).intValue();
        int max = body.integer("max", 0, MAX_FREEZES).orElse((long) Math.max(initial, earnEvery > 0 ? 1 : 0))
                .intValue();
        if (initial > max) {
            throw ApiException.invalidField(body.field("initial"), "'" + body.field("initial")
                    + "' cannot exceed '" + body.field("max") + "'");
        }
        return new StreakRule.Freezes(initial, earnEvery, max);
    }

    private static DayOfWeek day(String name) {
        try {
            return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField("week_start", "'week_start' must be a day of the week: monday to sunday");
        }
    }

    /** The member whose change from {@code before} to {@code after} is refused, if any. */
    static Optional<String> immutableChange(StreakRule before, StreakRule after) {
        if (before.length() != after.length()) {
            return Optional.of("period");
        }
        if (before.length() == StreakPeriod.Length.WEEKLY && before.weekStart() != after.weekStart()) {
            return Optional.of("week_start");
        }
        return Optional.empty();
    }

    /** The canonical JSON of a streak. */
    public static ObjectNode json(StreakRule streak) {
        ObjectNode node = NODES.objectNode();
        node.put("name", streak.name());
        node.put("description", streak.description().orElse(null));
        node.put("period", wireName(streak.length()));
        node.put("week_start", streak.weekStart().name().toLowerCase(Locale.ROOT));
        ArrayNode conditions = node.putArray("conditions");
        for (StreakRule.Condition condition : streak.conditions()) {
            conditions.addObject().put("metric", condition.metric()).put("threshold", condition.threshold().toDecimal());
        }
        node.put("combine", streak.all() ? "all" : "any");
        node.putObject("freezes").put("initial", streak.freezes().initial())
                .put("earn_every", streak.freezes().earnEvery()).put("max", streak.freezes().max());
        return node;
    }

    /** {@code daily} or {@code weekly}. */
    public static String wireName(StreakPeriod.Length length) {
        return length == StreakPeriod.Length.DAILY ? "daily" : "weekly";
    }
}
