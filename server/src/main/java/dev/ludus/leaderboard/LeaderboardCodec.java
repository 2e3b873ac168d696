package dev.ludus.leaderboard;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.rules.RuleCodec;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads leaderboard definitions from request bodies, strictly (every bad member answers 400 naming
 * it), and writes them back as canonical JSON, which is also how they are stored. Stateless.
 */
public final class LeaderboardCodec {

    private static final Set<String> MEMBERS = Set.of("name", "description", "rank_by", "period", "timezone",
            "week_start", "starts_at", "ends_at", "filter");

    private static final ZoneId UTC = ZoneId.of("UTC");

    private LeaderboardCodec() { }

    public static LeaderboardRule read(String key, JsonBody body) {
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
        return new LeaderboardRule(key, body.string("name", RuleCodec.MAX_NAME).orElse(key),
                body.string("description", RuleCodec.MAX_DESCRIPTION), rankBy, period,
                zone, weekStart, startsAt, endsAt, filter);
    }

    private static LeaderboardRule.RankBy rankBy(JsonBody rankBy) {
        String type = rankBy.requiredString("type", 32);
        return switch (type) {
            case "metric" -> {
                rankBy.allowOnly(Set.of("type", "metric"));
                yield new LeaderboardRule.RankBy.Metric(target(rankBy, "metric"));
            }
            case "points" -> {
                rankBy.allowOnly(Set.of("type", "system"));
                yield new LeaderboardRule.RankBy.Points(target(rankBy, "system"));
            }
            case "streak" -> {
                rankBy.allowOnly(Set.of("type", "streak"));
                yield new LeaderboardRule.RankBy.Streak(target(rankBy, "streak"));
            }
            default -> throw ApiException.invalidField(rankBy.field("type"),
                    "'" + rankBy.field("type") + "' must be 'metric', 'points' or 'streak'");
        };
    }

    private static String target(JsonBody body, String name) {
        String value = body.requiredString(name, 64);
        if (!RuleCodec.KEY.matcher(value).matches()) {
            throw ApiException.invalidField(body.field(name), "'" + body.field(name) + "' is not a valid key");
        }
        return value;
    }

    private static PeriodKind period(JsonBody body, String value) {
        for (PeriodKind kind : PeriodKind.values()) {
            if (kind.wireName().equals(value)) {
                return kind;
            }
        }
        throw ApiException.invalidField(body.field("period"),
                "'period' must be 'all_time', 'daily', 'weekly' or 'monthly'");
    }

    private static DayOfWeek weekStart(JsonBody body, String value) {
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().toLowerCase(Locale.ROOT).equals(value)) {
                return day;
            }
        }
        throw ApiException.invalidField(body.field("week_start"), "'week_start' must be a day name in lower case, "
                + "'monday' to 'sunday'");
    }

    private static Instant instant(JsonBody body, String name, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(body.field(name), "'" + body.field(name)
                    + "' must be an ISO 8601 instant with an offset, such as 2026-12-01T00:00:00Z");
        }
    }

    /** The rule a definition refers to, as {@code kind:key} of the rules package. */
    public static String reference(LeaderboardRule rule) {
        return switch (rule.rankBy()) {
            case LeaderboardRule.RankBy.Metric metric -> "metric:" + metric.target();
            case LeaderboardRule.RankBy.Points points -> "points_system:" + points.target();
            case LeaderboardRule.RankBy.Streak streak -> "streak:" + streak.target();
        };
    }

    /** The member of the definition that holds its reference, for error answers. */
    public static String referenceField(LeaderboardRule rule) {
        return switch (rule.rankBy()) {
            case LeaderboardRule.RankBy.Metric metric -> "rank_by.metric";
            case LeaderboardRule.RankBy.Points points -> "rank_by.system";
            case LeaderboardRule.RankBy.Streak streak -> "rank_by.streak";
        };
    }

    /** The canonical JSON of a definition. */
    public static ObjectNode json(LeaderboardRule rule) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", rule.name());
        node.put("description", rule.description().orElse(null));
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
