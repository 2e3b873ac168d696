package dev.ludus.teams;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.leaderboard.LeaderboardKind;
import dev.ludus.engine.PeriodKind;
import dev.ludus.rules.AbstractRuleKind;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Team leaderboards ({@code /v1/team_leaderboards}):
 * <pre>
 * {"name"?, "description"?, "rank_by": {"type": "metric", "metric"} | {"type": "points", "system"},
 *  "aggregate"?: "sum" | "average", "period"?: "all_time" | "daily" | "weekly" | "monthly" | "quarterly" | "yearly",
 *  "timezone"?, "week_start"?}
 * </pre>
 * What a board ranks by, its period, timezone and week start give its stored scores their meaning:
 * changing them is refused (409 {@code leaderboard_immutable}).
 */
public final class TeamBoardKind extends AbstractRuleKind<TeamBoard> {

    public static final TeamBoardKind KIND = new TeamBoardKind();

    private static final ZoneId UTC = ZoneId.of("UTC");

    private TeamBoardKind() {
        super("team_leaderboard", "team_leaderboards", TeamBoard.class);
    }

    @Override
    public TeamBoard read(String key, JsonBody body) {
        body.allowOnly(Set.of("name", "description", "rank_by", "aggregate", "period", "timezone", "week_start"));
        JsonBody rankBy = body.requiredObject("rank_by");
        String type = rankBy.requiredString("type", 32);
        TeamBoard.RankBy by = switch (type) {
            case "metric" -> {
                rankBy.allowOnly(Set.of("type", "metric"));
                yield new TeamBoard.RankBy.Metric(RuleCodec.referencedKey(rankBy, "metric"));
            }
            case "points" -> {
                rankBy.allowOnly(Set.of("type", "system"));
                yield new TeamBoard.RankBy.Points(RuleCodec.referencedKey(rankBy, "system"));
            }
            default -> throw ApiException.invalidField(rankBy.field("type"),
                    "'" + rankBy.field("type") + "' must be 'metric' or 'points'");
        };
        TeamBoard.Aggregate aggregate = body.string("aggregate", 16).map(value -> switch (value) {
            case "sum" -> TeamBoard.Aggregate.SUM;
            case "average" -> TeamBoard.Aggregate.AVERAGE;
            default -> throw ApiException.invalidField("aggregate", "'aggregate' must be 'sum' or 'average'");
        }).orElse(TeamBoard.Aggregate.SUM);
        PeriodKind period = body.string("period", 16).map(value -> LeaderboardKind.period(body, value))
                .orElse(PeriodKind.ALL_TIME);
        ZoneId zone = body.timezone("timezone").orElse(UTC);
        DayOfWeek weekStart = body.string("week_start", 16).map(value -> LeaderboardKind.weekStart(body, value))
                .orElse(DayOfWeek.MONDAY);
        return new TeamBoard(key, RuleCodec.name(body, key),
                RuleCodec.description(body), by, aggregate, period, zone, weekStart);
    }

    @Override
    public ObjectNode write(TeamBoard board) {
        ObjectNode node = RuleCodec.named(board.name(), board.description());
        ObjectNode rankBy = node.putObject("rank_by");
        switch (board.rankBy()) {
            case TeamBoard.RankBy.Metric metric -> rankBy.put("type", "metric").put("metric", metric.target());
            case TeamBoard.RankBy.Points points -> rankBy.put("type", "points").put("system", points.target());
        }
        node.put("aggregate", board.aggregate().wireName());
        node.put("period", board.period().wireName());
        node.put("timezone", board.timezone().getId());
        node.put("week_start", board.weekStart().name().toLowerCase(Locale.ROOT));
        return node;
    }

    @Override
    public Set<String> references(TeamBoard board) {
        return Set.of(switch (board.rankBy()) {
            case TeamBoard.RankBy.Metric metric -> MetricKind.KIND.ref(metric.target());
            case TeamBoard.RankBy.Points points -> PointsSystemKind.KIND.ref(points.target());
        });
    }

    @Override
    public String referenceField(TeamBoard board, List<String> missing) {
        return "rank_by";
    }

    /** Stored scores keep their meaning: what a board ranks by and how its periods are cut do not change. */
    @Override
    public void checkChange(String key, TeamBoard before, TeamBoard after) {
        if (!before.rankBy().equals(after.rankBy()) || before.period() != after.period()
                || !before.timezone().equals(after.timezone()) || before.weekStart() != after.weekStart()) {
            throw new ApiException(409, "leaderboard_immutable", "Leaderboard cannot change this way", "team "
                    + "leaderboard '" + key + "' keeps its rank_by, period, timezone and week_start; define a board "
                    + "with another key for another ranking", java.util.Map.of("field", "rank_by"), java.util.Map.of());
        }
    }
}
