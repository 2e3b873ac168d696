package dev.ludus.teams;

import dev.ludus.engine.Amount;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.engine.Period;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.StoredRule;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The reads of team leaderboards: a page of the ranking of a period, and one team's place in it. */
public final class TeamBoardService {

    private final Jdbi jdbi;
    private final RuleService rules;
    private final TeamStore store;
    private final Clock clock;

    public TeamBoardService(Jdbi jdbi, RuleService rules, dev.ludus.http.Json json, Clock clock) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.store = new TeamStore(json);
        this.clock = clock;
    }

    /** A period as answers show it; {@code start} and {@code end} are null for all time. */
    public record PeriodView(String key, Instant start, Instant end) { }

    /** A team's place on a board. */
    public record Entry(long rank, String teamId, String name, BigDecimal score, long members) { }

    /** A page of a board's ranking. */
    public record Ranking(com.fasterxml.jackson.databind.node.ObjectNode leaderboard, PeriodView period, long participants, List<Entry> entries,
            String nextCursor) { }

    /** A team's place on a board in a period, and the period. */
    public record Place(String teamId, String name, long rank, BigDecimal score, long members, long participants,
            PeriodView period) { }

    /**
     * A page of the board's ranking in the period holding the local date {@code date} (the current
     * period when empty); 404 for an unknown board.
     */
    public Ranking ranking(String applicationId, String key, Optional<LocalDate> date, PageRequest page) {
        StoredRule<TeamBoard> stored = rules.get(applicationId, TeamBoardKind.KIND, key);
        Period period = period(stored.rule(), date);
        List<TeamScoring.Standing> standings = standings(applicationId, stored.rule(), period);
        int from;
        try {
            from = page.after().map(Integer::parseInt).orElse(0);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
        if (from < 0) {
            throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
        record Placed(int position, Entry entry) { }
        List<Placed> fetched = new java.util.ArrayList<>();
        for (int i = from; i < standings.size() && fetched.size() <= page.limit(); i++) {
            TeamScoring.Standing standing = standings.get(i);
            fetched.add(new Placed(i, new Entry(standing.rank(), standing.teamId(), standing.name(), standing.score(),
                    standing.members())));
        }
        PageRequest.Page<Placed> placed = page.page(fetched, item -> Integer.toString(item.position() + 1));
        return new Ranking(stored.view(), view(period), standings.size(),
                placed.items().stream().map(Placed::entry).toList(), placed.nextCursor());
    }

    /** One team's place; 404 for an unknown board, or for a team without a score in the period. */
    public Place place(String applicationId, String key, String teamId, Optional<LocalDate> date) {
        StoredRule<TeamBoard> stored = rules.get(applicationId, TeamBoardKind.KIND, key);
        Period period = period(stored.rule(), date);
        List<TeamScoring.Standing> standings = standings(applicationId, stored.rule(), period);
        return standings.stream().filter(standing -> standing.teamId().equals(teamId)).findFirst()
                .map(standing -> new Place(teamId, standing.name(), standing.rank(), standing.score(),
                        standing.members(), standings.size(), view(period)))
                .orElseThrow(() -> new ApiException(404, "not_found", "Not found", "team '" + teamId
                        + "' has no score on team leaderboard '" + key + "' in period " + period.key(),
                        java.util.Map.of("team_id", teamId), java.util.Map.of()));
    }

    private List<TeamScoring.Standing> standings(String applicationId, TeamBoard board, Period period) {
        List<TeamScoring.Total> totals = jdbi.withHandle(handle -> store.totals(handle, applicationId, board.key(),
                period.key()));
        int scale = board.rankBy() instanceof TeamBoard.RankBy.Metric ? Amount.SCALE : 0;
        return TeamScoring.rank(board.aggregate(), totals, scale);
    }

    /** The period holding {@code date}, or now; 400 naming {@code period} for a date in the future (as user boards). */
    private Period period(TeamBoard board, Optional<LocalDate> date) {
        Instant now = clock.instant();
        if (date.isPresent() && date.get().isAfter(LocalDate.ofInstant(now, board.timezone()))) {
            throw ApiException.invalidField("period", "'period' must not be a date in the future (in "
                    + board.timezone().getId() + ")");
        }
        return date.map(day -> Period.containing(board.period(), board.timezone(), board.weekStart(), day))
                .orElseGet(() -> Period.at(board.period(), board.timezone(), board.weekStart(), now));
    }

    private static PeriodView view(Period period) {
        return new PeriodView(period.key(), period.start().orElse(null), period.end().orElse(null));
    }
}
