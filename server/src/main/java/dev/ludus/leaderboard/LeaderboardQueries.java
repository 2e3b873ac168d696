package dev.ludus.leaderboard;

import dev.ludus.engine.Period;
import dev.ludus.http.ApiException;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.StoredRule;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads of leaderboards: a page of a period's order, the window around a user, and one user's
 * standing. Every lookup goes to the period's index (O(log n)); the stored row adds the previous rank.
 */
public final class LeaderboardQueries {

    private final Jdbi jdbi;
    private final RuleService rules;
    private final Standings standings;
    private final Clock clock;
    private final ScoreStore store = new ScoreStore();

    public LeaderboardQueries(Jdbi jdbi, RuleService rules, Standings standings, Clock clock) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.standings = standings;
        this.clock = clock;
    }

    /** A period as answers show it. */
    public record PeriodView(String key, Instant start, Instant end, boolean finished) { }

    /** One line of a leaderboard. */
    public record Entry(long rank, String userId, Number score, Instant reachedAt) { }

    /** A page of a leaderboard's period, from position {@code offset}. */
    public record Page(StoredRule<LeaderboardRule> board, PeriodView period, long participants, List<Entry> entries,
            Optional<Long> next) { }

    /** One user's standing in a period. */
    public record UserStanding(String userId, long rank, Number score, BigDecimal percentile, Long previousRank,
            Instant reachedAt, long participants, PeriodView period) { }

    /** The board's definition; 404 when it was never defined. Archived boards stay readable. */
    public StoredRule<LeaderboardRule> board(String applicationId, String key) {
        return rules.getCurrent(applicationId, LeaderboardKind.KIND, key);
    }

    /** A board's period, opened for reading: its definition, the period, and its loaded index. */
    private record Opened(StoredRule<LeaderboardRule> stored, LeaderboardRule board, Period period, PeriodView view,
            Ranking ranking) {
        /** The user's place; 404 naming the user when they have no score in the period. */
        Ranking.Placed place(String userId) {
            return ranking.place(userId).orElseThrow(() -> new ApiException(404, "not_found", "Not found",
                    "user '" + userId + "' has no score in period '" + period.key() + "'",
                    java.util.Map.of("user_id", userId), java.util.Map.of()));
        }
    }

    private Opened open(String applicationId, String key, Optional<LocalDate> date) {
        StoredRule<LeaderboardRule> stored = board(applicationId, key);
        LeaderboardRule board = stored.rule();
        Period period = period(board, date);
        PeriodView view = view(board, period);
        return new Opened(stored, board, period, view, standings.loaded(applicationId, key, period, view.finished()));
    }

    /** Positions {@code offset} to {@code offset + limit - 1} of the period holding {@code date} (now when empty). */
    public Page top(String applicationId, String key, Optional<LocalDate> date, long offset, int limit) {
        return fromIndex(() -> topFromIndex(applicationId, key, date, offset, limit));
    }

    /** Up to {@code radius} users above and below {@code userId}, clipped at both ends; 404 when the user is not ranked. */
    public Page around(String applicationId, String key, Optional<LocalDate> date, String userId, int radius) {
        return fromIndex(() -> aroundFromIndex(applicationId, key, date, userId, radius));
    }

    /** One user's standing; 404 naming the user when they have no score in the period. */
    public UserStanding user(String applicationId, String key, Optional<LocalDate> date, String userId) {
        return fromIndex(() -> userFromIndex(applicationId, key, date, userId));
    }

    /**
     * A user's place on one board in its current period.
     *
     * @param standing empty when the user has no score in the period
     */
    public record BoardStanding(String board, String name, Optional<UserStanding> standing) { }

    /**
     * The user's standing in the current period of every active board of the application, in key order;
     * 503 {@code leaderboard_unavailable} as for {@link #user}.
     */
    public List<BoardStanding> standings(String applicationId, String userId) {
        return fromIndex(() -> rules.active(applicationId).all(LeaderboardRule.class).stream()
                .map(board -> new BoardStanding(board.key(), board.name().text(), standing(applicationId, board.key(), userId)))
                .toList());
    }

    private Optional<UserStanding> standing(String applicationId, String key, String userId) {
        try {
            return Optional.of(userFromIndex(applicationId, key, Optional.empty(), userId));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Runs a read of the index; 503 {@code leaderboard_unavailable} with {@code Retry-After} when the
     * index does not answer or is being rebuilt from the store (events are not affected).
     */
    private <T> T fromIndex(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (RankingUnavailableException e) {
            if (e.getCause() != null) {
                standings.failed(e); // Redis failed under this read: the keeper finds out when it is back
            }
            throw new ApiException(503, "leaderboard_unavailable", "Leaderboard unavailable",
                    "the leaderboard index does not answer or is being repaired from the stored scores;"
                            + " retry shortly",
                    java.util.Map.of(), java.util.Map.of("Retry-After", "1"));
        }
    }

    private Page topFromIndex(String applicationId, String key, Optional<LocalDate> date, long offset, int limit) {
        Opened opened = open(applicationId, key, date);
        List<Entry> entries = entries(opened.board(), opened.ranking().range(offset, limit));
        long size = opened.ranking().size();
        return new Page(opened.stored(), opened.view(), size, entries,
                offset + entries.size() < size && !entries.isEmpty() ? Optional.of(offset + entries.size()) : Optional.empty());
    }

    private Page aroundFromIndex(String applicationId, String key, Optional<LocalDate> date, String userId,
            int radius) {
        Opened opened = open(applicationId, key, date);
        Ranking.Placed place = opened.place(userId);
        long size = opened.ranking().size();
        long from = Math.max(0, place.position() - radius);
        long to = Math.min(size - 1, place.position() + radius);
        List<Entry> entries = entries(opened.board(), opened.ranking().range(from, (int) (to - from + 1)));
        return new Page(opened.stored(), opened.view(), size, entries, Optional.empty());
    }

    private UserStanding userFromIndex(String applicationId, String key, Optional<LocalDate> date, String userId) {
        Opened opened = open(applicationId, key, date);
        LeaderboardRule board = opened.board();
        Period period = opened.period();
        PeriodView view = opened.view();
        Ranking ranking = opened.ranking();
        Ranking.Placed place = opened.place(userId);
        long participants = ranking.size();
        long score = place.standing().score();
        // scores are whole numbers: "at least score" is "above score - 1"
        long atLeast = score == Long.MIN_VALUE ? participants : ranking.countAbove(score - 1);
        long lower = participants - atLeast;
        BigDecimal percentile = BigDecimal.valueOf(lower * 100L).divide(BigDecimal.valueOf(participants), 2,
                RoundingMode.DOWN).stripTrailingZeros();
        Long previousRank = jdbi.withHandle(handle -> store.find(handle, applicationId, key, period.key(), userId))
                .map(row -> row.previousRank().isPresent() ? row.previousRank().getAsLong() : null)
                .orElse(null);
        return new UserStanding(userId, place.rank(), LeaderboardService.score(board, place.standing().score()),
                percentile.scale() < 0 ? percentile.setScale(0) : percentile, previousRank,
                Instant.ofEpochMilli(place.standing().reachedAt()), participants, view);
    }

    private Period period(LeaderboardRule board, Optional<LocalDate> date) {
        Instant now = clock.instant();
        if (date.isEmpty()) {
            return board.periodAt(now);
        }
        if (date.get().isAfter(LocalDate.ofInstant(now, board.timezone()))) {
            throw ApiException.invalidField("period", "'period' must not be a date in the future (in "
                    + board.timezone().getId() + ")");
        }
        return board.periodContaining(date.get());
    }

    private PeriodView view(LeaderboardRule board, Period period) {
        Instant now = clock.instant();
        boolean finished = period.endedAt(now) || board.endsAt().map(end -> !now.isBefore(end)).orElse(false);
        return new PeriodView(period.key(), period.start().orElse(null), period.end().orElse(null), finished);
    }

    private static List<Entry> entries(LeaderboardRule board, List<Ranking.Placed> placed) {
        return placed.stream()
                .map(line -> new Entry(line.rank(), line.standing().userId(),
                        LeaderboardService.score(board, line.standing().score()),
                        Instant.ofEpochMilli(line.standing().reachedAt())))
                .toList();
    }
}
