package dev.ludus.teams;

import dev.ludus.engine.Change;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Period;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The arithmetic of team leaderboards, pure (no I/O). A write of a member's state contributes to each
 * of the member's teams on each board, at the instant of the write: a metric board the event's value,
 * a points board the points the write moved; a team counts what its members did while they were
 * members, so a member who joins late counts from then on, and what a member did before leaving stays
 * with the team. A board ranks its teams by the sum of their contributions in the period, or by that
 * sum divided by the team's members now ({@code average}; a team without members is left out).
 */
public final class TeamScoring {

    private TeamScoring() { }

    /** One contribution: to which board's period, how much (in micros for metrics, in points for points). */
    public record Contribution(TeamBoard board, Period period, long amount) { }

    /**
     * What a write made at {@code now} contributes to each board: nothing for a board whose metric or
     * system it did not move.
     */
    public static List<Contribution> contributions(List<TeamBoard> boards, Change change, Instant now) {
        List<Contribution> contributions = new ArrayList<>();
        for (TeamBoard board : boards) {
            long amount = switch (board.rankBy()) {
                case TeamBoard.RankBy.Metric metric -> change.outcomes(Outcome.MetricTotalChanged.class).stream()
                        .filter(changed -> changed.metric().equals(metric.target()))
                        .mapToLong(changed -> changed.value().micros())
                        .sum();
                case TeamBoard.RankBy.Points points -> change.outcomes(Outcome.PointsChanged.class).stream()
                        .filter(changed -> changed.system().equals(points.target())
                                && !changed.source().scheduled())
                        .mapToLong(Outcome.PointsChanged::amount)
                        .sum();
            };
            if (amount != 0) {
                contributions.add(new Contribution(board, Period.at(board.period(), board.timezone(),
                        board.weekStart(), now), amount));
            }
        }
        return contributions;
    }

    /** {@code value} without trailing zeros, and never in exponent form (100, not 1E+2). */
    private static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A team's sum of contributions in a period, and how many members it has now. */
    public record Total(String teamId, String name, long sum, long members) { }

    /** A team's place: its shared rank (1, 2, 2, 4) and its score (a sum, or an average to 6 decimals). */
    public record Standing(long rank, String teamId, String name, BigDecimal score, long members) { }

    /**
     * The teams of a board in rank order: by score, highest first; equal scores share a rank and list by
     * team id. {@code scale} turns a stored amount into the score's unit (6 for a metric's micros, 0
     * for points).
     */
    public static List<Standing> rank(TeamBoard.Aggregate aggregate, List<Total> totals, int scale) {
        record Scored(Total total, BigDecimal score) { }
        List<Scored> scored = new ArrayList<>();
        for (Total total : totals) {
            BigDecimal sum = BigDecimal.valueOf(total.sum(), scale);
            Optional<BigDecimal> score = switch (aggregate) {
                case SUM -> Optional.of(sum);
                case AVERAGE -> total.members() == 0 ? Optional.empty()
                        : Optional.of(sum.divide(BigDecimal.valueOf(total.members()), 6, RoundingMode.HALF_EVEN));
            };
            score.ifPresent(value -> scored.add(new Scored(total, plain(value))));
        }
        scored.sort(Comparator.comparing(Scored::score).reversed().thenComparing(item -> item.total().teamId()));
        List<Standing> standings = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            Scored item = scored.get(i);
            long rank = i > 0 && scored.get(i - 1).score().compareTo(item.score()) == 0 ? standings.getLast().rank()
                    : i + 1;
            standings.add(new Standing(rank, item.total().teamId(), item.total().name(), item.score(),
                    item.total().members()));
        }
        return standings;
    }
}
