package dev.ludus.rules.kinds;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.Amount;
import dev.ludus.engine.EarningCap;
import dev.ludus.engine.Level;
import dev.ludus.engine.PeriodKind;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.PointsTrigger;
import dev.ludus.engine.Season;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.RuleCodec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * Points systems ({@code /v1/points}): points earned per metric, on achievements and on streak lengths,
 * with an optional cap, levels and earning caps per period. They refer to the metrics, achievements and
 * streaks of their triggers and the metrics of their caps.
 *
 * <pre>
 * {"name"?, "description"?, "triggers": [{"type": "metric", "metric", "points", "per"?, "filter"?}
 *  | {"type": "achievement", "achievement", "points"} | {"type": "streak", "streak", "length", "points"}],
 *  "max_points"?, "allow_negative"?, "levels": [{"name", "threshold"}],
 *  "caps"?: [{"metric"?, "points", "period": "hour" | "day" | "week"}]}
 * </pre>
 */
public final class PointsSystemKind extends AbstractRuleKind<PointsSystem> {

    public static final PointsSystemKind KIND = new PointsSystemKind();

    public static final int MAX_TRIGGERS = 50;
    public static final int MAX_LEVELS = 100;
    public static final int MAX_CAPS = 20;
    /** The longest lifetime of expiring points: ten years. */
    public static final int MAX_EXPIRY_DAYS = 3650;
    /** The largest balance cap and level threshold. */
    public static final long MAX_BALANCE = 1_000_000_000_000_000L;

    private PointsSystemKind() {
        super("points_system", "points", PointsSystem.class);
    }

    @Override
    public PointsSystem read(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "triggers", "max_points", "allow_negative", "levels", "caps",
                "expiry", "season"));
        List<PointsTrigger> triggers = new ArrayList<>();
        for (JsonBody trigger : body.objects("triggers", MAX_TRIGGERS).orElse(List.of())) {
            triggers.add(trigger(trigger));
        }
        List<Level> levels = new ArrayList<>();
        for (JsonBody level : body.objects("levels", MAX_LEVELS).orElse(List.of())) {
            level.allowOnly(Set.of("name", "threshold", "image_url"));
            long threshold = level.integer("threshold", -MAX_BALANCE, MAX_BALANCE)
                    .orElseThrow(() -> ApiException.invalidField(level.field("threshold"), "'"
                            + level.field("threshold") + "' is required"));
            if (!levels.isEmpty() && threshold <= levels.getLast().threshold()) {
                throw ApiException.invalidField(level.field("threshold"),
                        "level thresholds must be strictly ascending");
            }
            levels.add(new Level(level.text("name", RuleCodec.MAX_NAME).orElseThrow(() -> ApiException.invalidField(
                    level.field("name"), "'" + level.field("name") + "' is required")), threshold,
                    level.httpsUrl("image_url")));
        }
        List<EarningCap> caps = new ArrayList<>();
        for (JsonBody item : body.objects("caps", MAX_CAPS).orElse(List.of())) {
            EarningCap earningCap = earningCap(item);
            if (caps.stream().anyMatch(other -> other.key().equals(earningCap.key()))) {
                throw ApiException.invalidField(item.field("period"), "two caps on "
                        + earningCap.metric().map(metric -> "metric '" + metric + "'").orElse("every metric")
                        + " a " + earningCap.period().wireName() + "; keep one");
            }
            caps.add(earningCap);
        }
        Optional<Long> cap = body.integer("max_points", 1, MAX_BALANCE);
        return new PointsSystem(key, RuleCodec.name(body, key),
                RuleCodec.description(body), triggers,
                cap.map(OptionalLong::of).orElse(OptionalLong.empty()), body.bool("allow_negative").orElse(false),
                levels, caps, body.object("expiry").map(PointsSystemKind::expiry),
                body.object("season").map(PointsSystemKind::season));
    }

    /**
     * {@code {"after_days", "notice_days"?}}: points live 1 to {@value #MAX_EXPIRY_DAYS} full days after
     * the day they are earned, and a notice comes 1 to {@code after_days} days before they expire.
     */
    private static PointsSystem.Expiry expiry(JsonBody expiry) {
        expiry.allowOnly(Set.of("after_days", "notice_days"));
        long days = expiry.integer("after_days", 1, MAX_EXPIRY_DAYS).orElseThrow(() -> ApiException.invalidField(
                expiry.field("after_days"), "'" + expiry.field("after_days") + "' is required: a whole number of days"
                        + " from 1 to " + MAX_EXPIRY_DAYS));
        java.util.OptionalInt notice = expiry.has("notice_days") && !expiry.isNull("notice_days")
                ? java.util.OptionalInt.of((int) (long) expiry.integer("notice_days", 1, days).orElseThrow())
                : java.util.OptionalInt.empty();
        return new PointsSystem.Expiry((int) days, notice);
    }

    /**
     * {@code {"period", "timezone"?, "week_start"?}}: balances start again from zero at the start of every
     * day, week, month, quarter or year in the timezone (default UTC).
     */
    private static Season season(JsonBody season) {
        season.allowOnly(Set.of("period", "timezone", "week_start"));
        String value = season.requiredString("period", 16);
        PeriodKind period = java.util.Arrays.stream(PeriodKind.values())
                .filter(kind -> kind != PeriodKind.ALL_TIME && kind.wireName().equals(value)).findFirst()
                .orElseThrow(() -> ApiException.invalidField(season.field("period"), "'" + season.field("period")
                        + "' must be 'daily', 'weekly', 'monthly', 'quarterly' or 'yearly'"));
        return new Season(period, season.timezone("timezone").orElse(java.time.ZoneId.of("UTC")),
                season.string("week_start", 16).map(day -> RuleCodec.weekStart(season, day))
                        .orElse(java.time.DayOfWeek.MONDAY));
    }

    private static EarningCap earningCap(JsonBody cap) {
        cap.allowOnly(Set.of("metric", "points", "period"));
        Optional<String> metric = cap.has("metric") && !cap.isNull("metric")
                ? Optional.of(RuleCodec.referencedKey(cap, "metric")) : Optional.empty();
        long points = cap.integer("points", 1, RuleCodec.MAX_POINTS).orElseThrow(() ->
                ApiException.invalidField(cap.field("points"), "'" + cap.field("points")
                        + "' is required: the most points events may earn in a period"));
        String period = cap.requiredString("period", 16);
        return new EarningCap(metric, points, EarningCap.Period.of(period).orElseThrow(() ->
                ApiException.invalidField(cap.field("period"), "'" + cap.field("period")
                        + "' must be 'hour', 'day' or 'week'")));
    }

    private static PointsTrigger trigger(JsonBody trigger) {
        String type = trigger.requiredString("type", 32);
        if (!type.equals("metric") && !type.equals("achievement") && !type.equals("streak")) {
            throw ApiException.invalidField(trigger.field("type"),
                    "'" + trigger.field("type") + "' must be 'metric', 'achievement' or 'streak'");
        }
        long points = trigger.integer("points", -RuleCodec.MAX_POINTS, RuleCodec.MAX_POINTS)
                .filter(value -> value != 0)
                .orElseThrow(() -> ApiException.invalidField(trigger.field("points"),
                        "'" + trigger.field("points") + "' is required: a non-zero whole number"));
        return switch (type) {
            case "metric" -> {
                trigger.allowOnly(Set.of("type", "metric", "points", "per", "filter"));
                Amount per = trigger.decimal("per").map(value -> RuleCodec.amount(trigger, "per", value))
                        .orElse(Amount.ONE);
                if (per.micros() <= 0) {
                    throw ApiException.invalidField(trigger.field("per"), "'" + trigger.field("per") + "' must be positive");
                }
                Map<String, String> filter = trigger.stringMap("filter", RuleCodec.MAX_FILTER_ENTRIES,
                        RuleCodec.ATTRIBUTE_NAME, RuleCodec.MAX_ATTRIBUTE_VALUE).orElse(Map.of());
                yield new PointsTrigger.PerMetric(RuleCodec.referencedKey(trigger, "metric"), points, per, filter);
            }
            case "achievement" -> {
                trigger.allowOnly(Set.of("type", "achievement", "points"));
                yield new PointsTrigger.OnAchievement(RuleCodec.referencedKey(trigger, "achievement"), points);
            }
            case "streak" -> {
                trigger.allowOnly(Set.of("type", "streak", "length", "points"));
                yield new PointsTrigger.OnStreak(RuleCodec.referencedKey(trigger, "streak"),
                        StreakKind.length(trigger), points);
            }
            default -> throw ApiException.invalidField(trigger.field("type"),
                    "'" + trigger.field("type") + "' must be 'metric', 'achievement' or 'streak'");
        };
    }

    @Override
    public Set<String> references(PointsSystem system) {
        Set<String> refs = new HashSet<>();
        system.triggers().forEach(trigger -> refs.add(switch (trigger) {
            case PointsTrigger.PerMetric perMetric -> MetricKind.KIND.ref(perMetric.metric());
            case PointsTrigger.OnAchievement on -> AchievementKind.KIND.ref(on.achievement());
            case PointsTrigger.OnStreak on -> StreakKind.KIND.ref(on.streak());
        }));
        system.caps().forEach(cap -> cap.metric().ifPresent(metric -> refs.add(MetricKind.KIND.ref(metric))));
        return refs;
    }

    @Override
    public String referenceField(PointsSystem system, List<String> missing) {
        boolean inTriggers = system.triggers().stream().anyMatch(trigger -> switch (trigger) {
            case PointsTrigger.PerMetric perMetric -> missing.contains(MetricKind.KIND.ref(perMetric.metric()));
            case PointsTrigger.OnAchievement on -> missing.contains(AchievementKind.KIND.ref(on.achievement()));
            case PointsTrigger.OnStreak on -> missing.contains(StreakKind.KIND.ref(on.streak()));
        });
        return inTriggers ? "triggers" : "caps";
    }

    @Override
    public ObjectNode write(PointsSystem system) {
        ObjectNode node = RuleCodec.named(system.name(), system.description());
        ArrayNode triggers = node.putArray("triggers");
        for (PointsTrigger trigger : system.triggers()) {
            ObjectNode item = triggers.addObject();
            switch (trigger) {
                case PointsTrigger.PerMetric perMetric -> {
                    item.put("type", "metric").put("metric", perMetric.metric()).put("points", perMetric.points())
                            .put("per", perMetric.per().toDecimal());
                    ObjectNode filter = item.putObject("filter");
                    new TreeMap<>(perMetric.filter()).forEach(filter::put);
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
        system.levels().forEach(level -> {
            ObjectNode item = levels.addObject();
            item.set("name", RuleCodec.json(level.name()));
            item.put("threshold", level.threshold());
            item.put("image_url", level.imageUrl().orElse(null));
        });
        ArrayNode caps = node.putArray("caps");
        for (EarningCap cap : system.caps()) {
            ObjectNode item = caps.addObject();
            cap.metric().ifPresentOrElse(metric -> item.put("metric", metric), () -> item.putNull("metric"));
            item.put("points", cap.points()).put("period", cap.period().wireName());
        }
        system.expiry().ifPresentOrElse(expiry -> {
            ObjectNode item = node.putObject("expiry").put("after_days", expiry.afterDays());
            if (expiry.noticeDays().isPresent()) {
                item.put("notice_days", expiry.noticeDays().getAsInt());
            } else {
                item.putNull("notice_days");
            }
        }, () -> node.putNull("expiry"));
        system.season().ifPresentOrElse(season -> node.putObject("season").put("period", season.period().wireName())
                .put("timezone", season.zone().getId())
                .put("week_start", season.weekStart().name().toLowerCase(java.util.Locale.ROOT)),
                () -> node.putNull("season"));
        return node;
    }
}
