package dev.ludus.rules.kinds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.StreakPeriod;
import dev.ludus.engine.StreakRule;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.RuleCodec;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Streaks ({@code /v1/streaks}): runs of periods in which a user met conditions on metrics. They
 * refer to the metrics of their conditions; their period and week start cannot change once defined.
 *
 * <pre>
 * {"name", "description"?, "period": "daily"|"weekly", "week_start": "monday".."sunday",
 *  "conditions": [{"metric", "threshold"}], "combine": "all"|"any",
 *  "freezes": {"initial", "earn_every", "max"}}
 * </pre>
 */
public final class StreakKind extends AbstractRuleKind<StreakRule> {

    public static final StreakKind KIND = new StreakKind();

    public static final int MAX_CONDITIONS = 10;
    /** The most freezes a streak may let a user hold. */
    public static final long MAX_FREEZES = 365;
    /** The largest streak length a trigger or achievement may name: about 27 years of days. */
    public static final long MAX_STREAK_LENGTH = 10_000;

    private StreakKind() {
        super("streak", "streaks", StreakRule.class);
    }

    @Override
    public StreakRule read(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "period", "week_start", "conditions", "combine", "freezes"));
        StreakPeriod.Length length = switch (body.string("period", 16).orElse("daily")) {
            case "daily" -> StreakPeriod.Length.DAILY;
            case "weekly" -> StreakPeriod.Length.WEEKLY;
            default -> throw ApiException.invalidField("period", "'period' must be 'daily' or 'weekly'");
        };
        DayOfWeek weekStart = body.string("week_start", 16).map(StreakKind::day).orElse(DayOfWeek.MONDAY);
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
        StreakRule.Freezes freezes = body.object("freezes").map(StreakKind::freezes).orElse(StreakRule.Freezes.NONE);
        return new StreakRule(key, RuleCodec.name(body, key),
                RuleCodec.description(body), length, weekStart, conditions, all, freezes);
    }

    private static StreakRule.Freezes freezes(JsonBody body) {
        body.allowOnly(Set.of("initial", "earn_every", "max"));
        int initial = body.integer("initial", 0, MAX_FREEZES).orElse(0L).intValue();
        int earnEvery = body.integer("earn_every", 0, MAX_STREAK_LENGTH).orElse(0L).intValue();
        int max = body.integer("max", 0, MAX_FREEZES).orElse((long) Math.max(initial, earnEvery > 0 ? 1 : 0))
                .intValue();
        if (initial > max) {
            throw ApiException.invalidField(body.field("initial"), "'" + body.field("initial")
                    + "' cannot exceed '" + body.field("max") + "'");
        }
        return new StreakRule.Freezes(initial, earnEvery, max);
    }

    /** A day of the week by its lower-case English name; 400 naming {@code week_start} otherwise. */
    public static DayOfWeek day(String name) {
        return day(name, "week_start");
    }

    /** A day of the week by its lower-case English name; 400 naming {@code field} otherwise. */
    public static DayOfWeek day(String name, String field) {
        try {
            return DayOfWeek.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidField(field, "'" + field + "' must be a day of the week: monday to sunday");
        }
    }

    /** The required length (in periods) of a trigger or achievement on a streak. */
    static int length(JsonBody trigger) {
        return trigger.integer("length", 1, MAX_STREAK_LENGTH).map(Long::intValue)
                .orElseThrow(() -> ApiException.invalidField(trigger.field("length"), "'" + trigger.field("length")
                        + "' is required: a whole number of periods from 1 to " + MAX_STREAK_LENGTH));
    }

    @Override
    public Set<String> references(StreakRule streak) {
        Set<String> refs = new HashSet<>();
        streak.conditions().forEach(condition -> refs.add(MetricKind.KIND.ref(condition.metric())));
        return refs;
    }

    @Override
    public String referenceField(StreakRule streak, List<String> missing) {
        return "conditions";
    }

    /**
     * Refuses a change of the period length, or of the week start of a weekly streak, with 409
     * {@code streak_immutable}: users' periods were counted with them; define a new streak instead.
     */
    @Override
    public void checkChange(String key, StreakRule before, StreakRule after) {
        immutableChange(before, after).ifPresent(field -> {
            throw new ApiException(409, "streak_immutable", "Streak cannot change this way", "the '" + field
                    + "' of a streak cannot change once defined (users' periods were counted with it); "
                    + "define a streak with another key instead", Map.of("field", field), Map.of());
        });
    }

    /** The member whose change from {@code before} to {@code after} is refused, if any. */
    private static Optional<String> immutableChange(StreakRule before, StreakRule after) {
        if (before.length() != after.length()) {
            return Optional.of("period");
        }
        if (before.length() == StreakPeriod.Length.WEEKLY && before.weekStart() != after.weekStart()) {
            return Optional.of("week_start");
        }
        return Optional.empty();
    }

    @Override
    public ObjectNode write(StreakRule streak) {
        ObjectNode node = RuleCodec.named(streak.name(), streak.description());
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
