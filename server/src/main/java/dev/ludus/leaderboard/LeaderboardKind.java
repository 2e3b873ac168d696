package dev.ludus.leaderboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.engine.PeriodKind;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.RuleCodec;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Leaderboards as a rule kind ({@code /v1/leaderboards}): definitions read strictly (every bad member
 * answers 400 naming it) and written back as canonical JSON, which is also how they are stored. A board
 * refers to the metric, points system or streak it ranks by; what gives its stored scores their meaning
 * cannot change (409 {@code leaderboard_immutable}). Stateless.
 */
public final class LeaderboardKind extends AbstractRuleKind<LeaderboardRule> {

    public static final LeaderboardKind KIND = new LeaderboardKind();

    private static final Set<String> MEMBERS = Set.of("name", "description", "rank_by", "period", "timezone",
            "week_start", "starts_at", "ends_at", "filter");

    private static final ZoneId UTC = ZoneId.of("UTC");

    private LeaderboardKind() {
        super("leaderboard", "leaderboards", LeaderboardRule.class);
    }

    @Override
    public LeaderboardRule read(String key, JsonBody body) {
        body.allowOnly(MEMBERS);
        LeaderboardRule.RankBy rankBy = rankBy(body.requiredObject("rank_by"));
        PeriodKind period = body.string("period", 16).map(value -> period(body, value)).orElse(PeriodKind.ALL_TIME);
        ZoneId zone = body.timezone("timezone").orElse(UTC);
        DayOfWeek weekStart = body.string("week_start", 16).map(value -> weekStart(body, value))
                .orElse(DayOfWeek.MONDAY);
        Optional<Instant> startsAt = body.string("starts_at", 64).map(value -> instant(body, "starts_at", value));
        Optional<Instant> endsAt = body.string("ends_at", 64).map(value -> instant(body, "ends_at", value));
        if (startsAt.isPresent() && endsAt.isPresent() && !endsAt.get().isAfter(startsAt.get())) {
            throw ApiException.invalidField("ends_at", "'ends_at' must be after 'starts_at'");
        }
        Map<String, String> filter = body.stringMap("filter", RuleCodec.MAX_FILTER_ENTRIES, RuleCodec.ATTRIBUTE_NAME,
                RuleCodec.MAX_ATTRIBUTE_VALUE).orElse(Map.of());
        return new LeaderboardRule(key, RuleCodec.name(body, key),
                RuleCodec.description(body), rankBy, period,
                zone, weekStart, startsAt, endsAt, filter);
    }

    private static LeaderboardRule.RankBy rankBy(JsonBody rankBy) {
        String type = rankBy.requiredString("type", 32);
        return switch (type) {
            case "metric" -> {
                rankBy.allowOnly(Set.of("type", "metric"));
                yield new LeaderboardRule.RankBy.Metric(RuleCodec.referencedKey(rankBy, "metric"));
            }
            case "points" -> {
                rankBy.allowOnly(Set.of("type", "system"));
                yield new LeaderboardRule.RankBy.Points(RuleCodec.referencedKey(rankBy, "system"));
            }
            case "streak" -> {
                rankBy.allowOnly(Set.of("type", "streak"));
                yield new LeaderboardRule.RankBy.Streak(RuleCodec.referencedKey(rankBy, "streak"));
            }
            default -> throw ApiException.invalidField(rankBy.field("type"),
                    "'" + rankBy.field("type") + "' must be 'metric', 'points' or 'streak'");
        };
    }

    /** A {@code period} member's value; 400 naming it unless it is one of the period kinds. Shared with team boards. */
    public static PeriodKind period(JsonBody body, String value) {
        for (PeriodKind kind : PeriodKind.values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        throw ApiException.invalidField(body.field("period"),
                "'period' must be 'all_time', 'daily', 'weekly', 'monthly', 'quarterly' or 'yearly'");
    }

    /** A {@code week_start} member's value; 400 naming it unless it is a day name in lower case. Shared with team boards. */
    public static DayOfWeek weekStart(JsonBody body, String value) {
        return RuleCodec.weekStart(body, value);
    }

    private static Instant instant(JsonBody body, String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(body.field(name), "'" + body.field(name)
                    + "' must be an ISO 8601 instant with an offset, such as 2026-12-01T00:00:00Z");
        }
    }

    /** The rule the board ranks by, as {@code kind:key}. */
    @Override
    public Set<String> references(LeaderboardRule rule) {
        return Set.of(switch (rule.rankBy()) {
            case LeaderboardRule.RankBy.Metric metric -> "metric:" + metric.target();
            case LeaderboardRule.RankBy.Points points -> "points_system:" + points.target();
            case LeaderboardRule.RankBy.Streak streak -> "streak:" + streak.target();
        });
    }

    @Override
    public String referenceField(LeaderboardRule rule, List<String> missing) {
        return switch (rule.rankBy()) {
            case LeaderboardRule.RankBy.Metric metric -> "rank_by.metric";
            case LeaderboardRule.RankBy.Points points -> "rank_by.system";
            case LeaderboardRule.RankBy.Streak streak -> "rank_by.streak";
        };
    }

    /**
     * Refuses a change of what the board ranks by, its period, timezone or week start with 409
     * {@code leaderboard_immutable}: its stored scores would not mean the same.
     */
    @Override
    public void checkChange(String key, LeaderboardRule before, LeaderboardRule after) {
        if (!before.sameScoring(after)) {
            throw new ApiException(409, "leaderboard_immutable", "Leaderboard cannot change this way",
                    "the rank_by, period, timezone and week_start of leaderboard '" + key + "' cannot change: "
                            + "its stored scores would not mean the same; define a new key instead",
                    Map.of("field", "rank_by"), Map.of());
        }
    }

    @Override
    public ObjectNode write(LeaderboardRule rule) {
        ObjectNode node = RuleCodec.named(rule.name(), rule.description());
        ObjectNode rankBy = node.putObject("rank_by");
        switch (rule.rankBy()) {
            case LeaderboardRule.RankBy.Metric metric -> rankBy.put("type", "metric").put("metric", metric.target());
            case LeaderboardRule.RankBy.Points points -> rankBy.put("type", "points").put("system", points.target());
            case LeaderboardRule.RankBy.Streak streak -> rankBy.put("type", "streak").put("streak", streak.target());
        }
        node.put("period", rule.period().wireName());
        node.put("timezone", rule.timezone().getId());
        node.put("week_start", rule.weekStart().name().toLowerCase(Locale.ROOT));
        node.put("starts_at", rule.startsAt().map(Instant::toString).orElse(null));
        node.put("ends_at", rule.endsAt().map(Instant::toString).orElse(null));
        ObjectNode filter = node.putObject("filter");
        new TreeMap<>(rule.filter()).forEach(filter::put);
        return node;
    }
}
