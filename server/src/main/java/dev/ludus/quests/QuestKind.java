package dev.ludus.quests;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.Achievement;
import dev.ludus.engine.Quest;
import dev.ludus.engine.StreakPeriod;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import dev.ludus.rules.kinds.StreakKind;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Quests ({@code /v1/quests}): steps to complete inside a window, for a prize. A quest refers to the
 * metrics and achievements of its steps and to the points system and achievement of its reward.
 *
 * <pre>
 * {"name"?, "description"?, "steps": [{"key"?, "metric", "total"} | {"key"?, "achievement"}],
 *  "order": "any"|"ordered", "enrollment": "automatic"|"opt_in",
 *  "window": {"type": "fixed", "starts_at", "ends_at"} | {"type": "recurring", "period": "daily"|"weekly",
 *             "week_start"?},
 *  "reward"?: {"system"?, "points"?, "achievement"?}, "team"?: false}
 * </pre>
 *
 * A team quest ({@code "team": true}) counts the events of each team's members together: its steps are
 * metric steps, in any order, every team takes part, and a recurring window is judged in the window's
 * {@code timezone} (default UTC).
 */
public final class QuestKind extends AbstractRuleKind<Quest> {

    public static final QuestKind KIND = new QuestKind();

    /** The most steps of one quest. */
    public static final int MAX_STEPS = 10;

    private QuestKind() {
        super("quest", "quests", Quest.class);
    }

    @Override
    public Quest read(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "steps", "order", "enrollment", "window", "reward", "team",
                "image_url"));
        boolean team = body.bool("team").orElse(false);
        List<JsonBody> items = body.objects("steps", MAX_STEPS).filter(list -> !list.isEmpty())
                .orElseThrow(() -> ApiException.invalidField("steps", "'steps' must list 1 to " + MAX_STEPS
                        + " steps, each {\"metric\", \"total\"} or {\"achievement\"}"));
        List<Quest.Step> steps = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Quest.Step step = step(items.get(i), i + 1);
            if (!keys.add(step.key())) {
                throw ApiException.invalidField(items.get(i).field("key"), "step key '" + step.key()
                        + "' is used twice; give each step its own");
            }
            steps.add(step);
        }
        boolean ordered = switch (body.string("order", 16).orElse("any")) {
            case "any" -> false;
            case "ordered" -> true;
            default -> throw ApiException.invalidField("order", "'order' must be 'any' or 'ordered'");
        };
        boolean optIn = switch (body.string("enrollment", 16).orElse("automatic")) {
            case "automatic" -> false;
            case "opt_in" -> true;
            default -> throw ApiException.invalidField("enrollment", "'enrollment' must be 'automatic' or 'opt_in'");
        };
        Quest.Window window = window(body.requiredObject("window"), team);
        Quest.Prize prize = body.object("reward").map(QuestKind::prize).orElse(Quest.Prize.NONE);
        if (team) {
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i) instanceof Quest.AchievementStep) {
                    throw ApiException.invalidField(items.get(i).field("achievement"), "a team quest's steps are "
                            + "metric totals that the members reach together; an achievement step is a user's");
                }
            }
            if (ordered) {
                throw ApiException.invalidField("order", "a team quest's steps count in any order ('order': 'any')");
            }
            if (optIn) {
                throw ApiException.invalidField("enrollment", "every team takes part in a team quest "
                        + "('enrollment': 'automatic')");
            }
        }
        return new Quest(key, RuleCodec.name(body, key),
                RuleCodec.description(body), steps, ordered, window, optIn, prize, team, body.httpsUrl("image_url"));
    }

    private static Quest.Step step(JsonBody item, int number) {
        item.allowOnly(Set.of("key", "metric", "total", "achievement"));
        String key = item.string("key", 64).map(value -> {
            if (!RuleCodec.KEY.matcher(value).matches()) {
                throw ApiException.invalidField(item.field("key"), "'" + item.field("key") + "' is not a valid key");
            }
            return value;
        }).orElse("step_" + number);
        boolean metric = given(item, "metric");
        if (metric == given(item, "achievement")) {
            throw ApiException.invalidField(item.field("metric"), "each step names one of 'metric' (with 'total') "
                    + "or 'achievement'");
        }
        if (!metric) {
            if (given(item, "total")) {
                throw ApiException.invalidField(item.field("total"), "'" + item.field("total")
                        + "' belongs to a metric step");
            }
            return new Quest.AchievementStep(key, RuleCodec.referencedKey(item, "achievement"));
        }
        String metricKey = RuleCodec.referencedKey(item, "metric");
        BigDecimal total = item.decimal("total").orElseThrow(() -> ApiException.invalidField(item.field("total"),
                "'" + item.field("total") + "' is required: the total the step's events must reach"));
        if (total.signum() <= 0) {
            throw ApiException.invalidField(item.field("total"), "'" + item.field("total") + "' must be above zero");
        }
        return new Quest.MetricStep(key, metricKey, RuleCodec.amount(item, "total", total));
    }

    private static Quest.Window window(JsonBody window, boolean team) {
        String type = window.requiredString("type", 16);
        return switch (type) {
            case "fixed" -> {
                window.allowOnly(Set.of("type", "starts_at", "ends_at"));
                Instant starts = window.instant("starts_at").orElseThrow(() -> ApiException.invalidField(
                        window.field("starts_at"), "'" + window.field("starts_at")
                                + "' is required for a fixed window"));
                Instant ends = window.instant("ends_at").orElseThrow(() -> ApiException.invalidField(
                        window.field("ends_at"), "'" + window.field("ends_at") + "' is required for a fixed window"));
                if (!ends.isAfter(starts)) {
                    throw ApiException.invalidField(window.field("ends_at"), "'" + window.field("ends_at")
                            + "' must be after '" + window.field("starts_at") + "'");
                }
                yield new Quest.Fixed(starts, ends);
            }
            case "recurring" -> {
                window.allowOnly(Set.of("type", "period", "week_start", "timezone"));
                StreakPeriod.Length length = switch (window.requiredString("period", 16)) {
                    case "daily" -> StreakPeriod.Length.DAILY;
                    case "weekly" -> StreakPeriod.Length.WEEKLY;
                    default -> throw ApiException.invalidField(window.field("period"), "'" + window.field("period")
                            + "' must be 'daily' or 'weekly'");
                };
                DayOfWeek weekStart = window.string("week_start", 16)
                        .map(day -> StreakKind.day(day, window.field("week_start"))).orElse(DayOfWeek.MONDAY);
                Optional<String> timezone = window.string("timezone", 64);
                if (timezone.isPresent() && !team) {
                    throw ApiException.invalidField(window.field("timezone"), "a user quest's windows follow each "
                            + "user's timezone; 'timezone' is for team quests");
                }
                yield new Quest.Recurring(length, weekStart, team
                        ? Optional.of(timezone.map(zone -> zone(window, zone)).orElse(java.time.ZoneId.of("UTC")))
                        : Optional.empty());
            }
            default -> throw ApiException.invalidField(window.field("type"), "'" + window.field("type")
                    + "' must be 'fixed' or 'recurring'");
        };
    }

    private static java.time.ZoneId zone(JsonBody window, String zone) {
        try {
            return java.time.ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw ApiException.invalidField(window.field("timezone"), "'" + window.field("timezone")
                    + "' is not an IANA timezone such as 'Europe/Oslo'");
        }
    }

    private static Quest.Prize prize(JsonBody reward) {
        reward.allowOnly(Set.of("system", "points", "achievement"));
        Optional<Achievement.Reward> points = Optional.empty();
        if (given(reward, "system") || given(reward, "points")) {
            long amount = reward.integer("points", 1, RuleCodec.MAX_POINTS).orElseThrow(() -> ApiException.invalidField(
                    reward.field("points"), "'" + reward.field("points") + "' is required with 'system': 1 to "
                            + RuleCodec.MAX_POINTS));
            points = Optional.of(new Achievement.Reward(RuleCodec.referencedKey(reward, "system"), amount));
        }
        Optional<String> achievement = given(reward, "achievement")
                ? Optional.of(RuleCodec.referencedKey(reward, "achievement")) : Optional.empty();
        return new Quest.Prize(points, achievement);
    }

    /** True when the member is present and not null (what {@link #write} gives back has nulls). */
    private static boolean given(JsonBody body, String name) {
        return body.has(name) && !body.isNull(name);
    }

    @Override
    public Set<String> references(Quest quest) {
        Set<String> refs = new HashSet<>();
        for (Quest.Step step : quest.steps()) {
            refs.add(switch (step) {
                case Quest.MetricStep metric -> MetricKind.KIND.ref(metric.metric());
                case Quest.AchievementStep achievement -> AchievementKind.KIND.ref(achievement.achievement());
            });
        }
        quest.prize().points().ifPresent(points -> refs.add(PointsSystemKind.KIND.ref(points.system())));
        quest.prize().achievement().ifPresent(achievement -> refs.add(AchievementKind.KIND.ref(achievement)));
        return refs;
    }

    @Override
    public String referenceField(Quest quest, List<String> missing) {
        Set<String> inSteps = new HashSet<>();
        quest.steps().forEach(step -> inSteps.add(switch (step) {
            case Quest.MetricStep metric -> MetricKind.KIND.ref(metric.metric());
            case Quest.AchievementStep achievement -> AchievementKind.KIND.ref(achievement.achievement());
        }));
        return missing.stream().anyMatch(inSteps::contains) ? "steps" : "reward";
    }

    @Override
    public ObjectNode write(Quest quest) {
        ObjectNode node = RuleCodec.named(quest.name(), quest.description());
        node.put("image_url", quest.imageUrl().orElse(null));
        ArrayNode steps = node.putArray("steps");
        for (Quest.Step step : quest.steps()) {
            ObjectNode item = steps.addObject().put("key", step.key());
            switch (step) {
                case Quest.MetricStep metric -> item.put("metric", metric.metric())
                        .put("total", metric.total().toDecimal());
                case Quest.AchievementStep achievement -> item.put("achievement", achievement.achievement());
            }
        }
        node.put("order", quest.ordered() ? "ordered" : "any");
        node.put("enrollment", quest.optIn() ? "opt_in" : "automatic");
        ObjectNode window = node.putObject("window");
        switch (quest.window()) {
            case Quest.Fixed fixed -> window.put("type", "fixed").put("starts_at", fixed.startsAt().toString())
                    .put("ends_at", fixed.endsAt().toString());
            case Quest.Recurring recurring -> {
                window.put("type", "recurring").put("period", StreakKind.wireName(recurring.length()))
                        .put("week_start", recurring.weekStart().name().toLowerCase(Locale.ROOT));
                recurring.zone().ifPresent(zone -> window.put("timezone", zone.getId()));
            }
        }
        node.put("team", quest.team());
        Quest.Prize prize = quest.prize();
        if (prize.points().isEmpty() && prize.achievement().isEmpty()) {
            node.putNull("reward");
        } else {
            ObjectNode reward = node.putObject("reward");
            reward.put("system", prize.points().map(Achievement.Reward::system).orElse(null));
            if (prize.points().isPresent()) {
                reward.put("points", prize.points().get().points());
            } else {
                reward.putNull("points");
            }
            reward.put("achievement", prize.achievement().orElse(null));
        }
        return node;
    }
}
