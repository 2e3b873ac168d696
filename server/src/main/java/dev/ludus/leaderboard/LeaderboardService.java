package dev.ludus.leaderboard;

import dev.ludus.engine.Amount;
import dev.ludus.engine.Change;
import dev.ludus.engine.Period;
import dev.ludus.engine.PeriodKind;
import dev.ludus.engine.UserState;
import dev.ludus.http.Json;
import dev.ludus.profiles.User;
import dev.ludus.profiles.UserStore;
import dev.ludus.rules.RuleService;
import dev.ludus.store.WriteBatch;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps leaderboard scores: every write that changes a user's totals, points or streaks calls
 * {@link #record} inside its transaction, which writes the new scores there and updates the ranking
 * indexes after the commit (on the writer thread, in commit order, for indexes in memory; off it for
 * Redis). Ranks in write answers come from the index, or from the store when the index is doubted or
 * does not answer, so that writes never wait for, or fail with, Redis. Also backfills new all-time
 * boards, takes deleted users out of the indexes, and warms the indexes of current periods at start.
 */
public final class LeaderboardService {

    private static final Logger LOG = LoggerFactory.getLogger(LeaderboardService.class);
    /** An application's active leaderboards, read once per batch. */
    private static final WriteBatch.Memo<List<LeaderboardRule>> BOARDS = WriteBatch.Memo.named("leaderboards");

    private final Jdbi jdbi;
    private final RuleService rules;
    private final UserStore users;
    private final Standings standings;
    private final Json json;
    private final Clock clock;
    private final ScoreStore store = new ScoreStore();

    public LeaderboardService(Jdbi jdbi, RuleService rules, UserStore users, Standings standings, Json json,
            Clock clock) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.users = users;
        this.standings = standings;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A board's score that a write changed, as write answers show it.
     *
     * @param rank the rank with the new score among the scores committed before this write
     * @param previousRank the user's rank before this write; null when they were not ranked
     */
    public record Changed(String key, String period, Number score, long rank, Long previousRank) { }

    /**
     * Writes the scores that one write of a user changes, in its transaction, and queues the index
     * updates for after its commit. Returns what changed, board by board.
     */
    public List<Changed> record(WriteBatch batch, String applicationId, String userId, UserState before,
            Change change, Optional<Scoring.EventFacts> event, Instant now) {
        Handle handle = batch.handle();
        List<LeaderboardRule> boards = batch.memo(BOARDS, applicationId,
                () -> rules.active(handle, applicationId).all(LeaderboardRule.class));
        if (boards.isEmpty()) {
            return List.of();
        }
        Map<String, String> attributes = boards.stream().anyMatch(board -> !board.filter().isEmpty())
                ? users.find(handle, applicationId, userId).map(User::attributes).orElse(Map.of()) : Map.of();
        List<Changed> changed = new ArrayList<>();
        for (Scoring.Update update : Scoring.updates(boards, before, change, event, attributes, now)) {
            String board = update.board().key();
            String period = update.period().key();
            Optional<ScoreStore.Row> held = store.find(handle, applicationId, board, period, userId);
            long score = update.op().apply(held.map(ScoreStore.Row::score).orElse(0L));
            if (held.isPresent() && held.get().score() == score) {
                continue;
            }
            Ranks ranks = standings.ready(applicationId, board, period)
                    .flatMap(ranking -> indexRanks(ranking, applicationId, board, period, userId, held, score))
                    .orElseGet(() -> storeRanks(handle, applicationId, board, period, held, score));
            ScoreStore.Row row = new ScoreStore.Row(userId, score, now.toEpochMilli(),
                    held.map(ScoreStore.Row::version).orElse(0L) + 1, ranks.previous());
            store.save(handle, applicationId, board, period, row, now);
            changed.add(new Changed(board, period, score(update.board(), score), ranks.rank(),
                    ranks.previous().isPresent() ? ranks.previous().getAsLong() : null));
            Ranking.Standing standing = row.standing();
            afterCommit(batch, () -> standings.update(applicationId, board, period, ranking -> ranking.put(standing)));
        }
        return changed;
    }

    /** Takes a user who is being deleted (in this batch) out of every index, after the commit. */
    public void forget(WriteBatch batch, String applicationId, String userId) {
        List<ScoreStore.Place> places = store.places(batch.handle(), applicationId, userId);
        afterCommit(batch, () -> places.forEach(place -> standings.update(applicationId, place.leaderboard(),
                place.period(), ranking -> ranking.remove(userId))));
    }

    /** A user's rank with a new score, and before it (empty when they had no score in the period). */
    private record Ranks(OptionalLong previous, long rank) { }

    /**
     * The ranks from the index as it stood after the previous commit; empty when the index fails to
     * answer (it is then doubted) or, for a remote index, does not answer within
     * {@link Standings#WRITER_WAIT} (the writer then stops asking it until it answers quickly again):
     * the store is asked instead.
     */
    private Optional<Ranks> indexRanks(Ranking ranking, String applicationId, String board, String period,
            String userId, Optional<ScoreStore.Row> held, long score) {
        if (!standings.remote()) {
            return Optional.of(lookUp(ranking, userId, held, score));
        }
        CompletableFuture<Ranks> lookup = CompletableFuture.supplyAsync(() -> lookUp(ranking, userId, held, score),
                task -> Thread.ofVirtual().name("ludus-leaderboard-lookup").start(task));
        try {
            return Optional.of(lookup.get(Standings.WRITER_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            standings.slow();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RankingUnavailableException unavailable) {
                standings.failed(applicationId, board, period, unavailable);
                return Optional.empty();
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    private static Ranks lookUp(Ranking ranking, String userId, Optional<ScoreStore.Row> held, long score) {
        Optional<Ranking.Placed> place = ranking.place(userId);
        long above = ranking.countAbove(score);
        if (place.isPresent() && place.get().standing().score() > score) {
            above--;
        }
        OptionalLong previous = held.isPresent() && place.isPresent()
                ? OptionalLong.of(place.get().rank()) : OptionalLong.empty();
        return new Ranks(previous, above + 1);
    }

    /**
     * The ranks counted in the store, in this transaction, before the new score is written: used while
     * the index is doubted or does not answer. Unlike the index, the store counts the scores written
     * earlier in the same batch. A count of an index range: cheap near the top, longer far down a
     * large board.
     */
    private Ranks storeRanks(Handle handle, String applicationId, String board, String period,
            Optional<ScoreStore.Row> held, long score) {
        long above = store.countAbove(handle, applicationId, board, period, score);
        if (held.isPresent() && held.get().score() > score) {
            above--;
        }
        OptionalLong previous = held.isPresent()
                ? OptionalLong.of(store.countAbove(handle, applicationId, board, period, held.get().score()) + 1)
                : OptionalLong.empty();
        return new Ranks(previous, above + 1);
    }

    /**
     * Runs an index change after the commit: on the writer thread for indexes in memory (a few
     * microseconds, in commit order), off it for remote ones, whose calls may be slow or fail (the
     * versions keep out-of-order updates harmless).
     */
    private void afterCommit(WriteBatch batch, Runnable change) {
        if (standings.remote()) {
            batch.afterCommitAsync(change);
        } else {
            batch.afterCommit(change);
        }
    }

    /**
     * Gives a new all-time board without {@code starts_at} the users' current totals or balances (those
     * who match its filter), in the transaction that defines it. Returns how many users it added.
     */
    public int backfill(Handle handle, String applicationId, LeaderboardRule board, Instant now) {
        if (board.period() != PeriodKind.ALL_TIME || board.startsAt().isPresent()
                || board.endsAt().map(end -> !now.isBefore(end)).orElse(false)) {
            return 0;
        }
        boolean metrics;
        switch (board.rankBy()) {
            case LeaderboardRule.RankBy.Metric metric -> metrics = true;
            case LeaderboardRule.RankBy.Points points -> metrics = false;
            case LeaderboardRule.RankBy.Streak streak -> {
                return 0;
            }
        }
        int added = 0;
        for (ScoreStore.Candidate candidate : store.currentValues(handle, applicationId, metrics,
                board.rankBy().target())) {
            if (!board.filter().isEmpty() && !board.admits(attributes(candidate.attributes()))) {
                continue;
            }
            if (store.insertIfAbsent(handle, applicationId, board.key(), Period.ALL_TIME.key(), candidate.userId(),
                    candidate.value(), now)) {
                added++;
            }
        }
        return added;
    }

    /** After a backfill committed: its index is rebuilt on next use. */
    public void backfilled(String applicationId, LeaderboardRule board) {
        standings.invalidate(applicationId, board.key(), Period.ALL_TIME.key());
    }

    /**
     * Loads the indexes of the current periods of every active board of every application, in the
     * background, so that the first requests do not wait for them.
     */
    public void warm() {
        Thread.ofVirtual().name("ludus-leaderboard-warm").start(() -> {
            Instant now = clock.instant();
            for (String applicationId : rules.applicationsWith(LeaderboardKind.KIND)) {
                try {
                    for (LeaderboardRule board : rules.active(applicationId).all(LeaderboardRule.class)) {
                        standings.loaded(applicationId, board.key(), board.periodAt(now), false);
                    }
                } catch (RuntimeException e) {
                    LOG.warn("could not warm the leaderboards of application {}; they load on first use",
                            applicationId, e);
                }
            }
        });
    }

    /** A score as the API shows it: a decimal for metric boards, a whole number otherwise. */
    public static Number score(LeaderboardRule board, long score) {
        return board.rankBy() instanceof LeaderboardRule.RankBy.Metric ? new Amount(score).toDecimal() : score;
    }

    private Map<String, String> attributes(String text) {
        Map<String, String> attributes = new HashMap<>();
        json.readTrusted(text).properties().forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asText()));
        return attributes;
    }
}
