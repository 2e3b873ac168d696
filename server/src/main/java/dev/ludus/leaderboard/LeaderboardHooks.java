package dev.ludus.leaderboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.rules.RuleHooks;
import dev.ludus.rules.RuleService;
import java.time.Instant;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * What the rule routes do for leaderboards: a new or restored board is backfilled in the transaction
 * that defines it and its index rebuilt after ({@code backfilled_users} in the answer; a dry run
 * backfills in its rolled-back transaction, so the count is exact, and rebuilds nothing); the GET of one
 * board, which shows its standings, is {@link LeaderboardRoutes}'.
 */
public final class LeaderboardHooks implements RuleHooks<LeaderboardRule> {

    private final LeaderboardService leaderboards;

    public LeaderboardHooks(LeaderboardService leaderboards) {
        this.leaderboards = leaderboards;
    }

    @Override
    public Set<Route> takesOver() {
        return Set.of(Route.GET);
    }

    @Override
    public Put<LeaderboardRule> put(String applicationId) {
        return new Put<>() {
            private int backfilled;

            @Override
            public void created(Handle handle, LeaderboardRule board, Instant now) {
                backfilled = leaderboards.backfill(handle, applicationId, board, now);
            }

            @Override
            public void answer(RuleService.Put<LeaderboardRule> put, ObjectNode view) {
                if (put.created()) {
                    leaderboards.backfilled(applicationId, put.rule().rule());
                }
                view.put("backfilled_users", backfilled);
            }

            @Override
            public void preview(RuleService.Put<LeaderboardRule> put, ObjectNode view) {
                view.put("backfilled_users", backfilled);
            }
        };
    }
}
