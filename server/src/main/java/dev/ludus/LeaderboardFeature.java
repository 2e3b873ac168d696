package dev.ludus;

import dev.ludus.events.ChangeListener;
import dev.ludus.http.RouteTable;
import dev.ludus.leaderboard.FinishedPeriods;
import dev.ludus.leaderboard.LeaderboardHooks;
import dev.ludus.leaderboard.LeaderboardListener;
import dev.ludus.leaderboard.LeaderboardQueries;
import dev.ludus.leaderboard.LeaderboardRoutes;
import dev.ludus.leaderboard.LeaderboardService;
import dev.ludus.leaderboard.Rankings;
import dev.ludus.leaderboard.Standings;
import dev.ludus.profiles.UserStore;
import dev.ludus.rules.RuleService;
import dev.ludus.webhook.LeaderboardNotices;
import dev.ludus.webhook.Outbox;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Leaderboards: the ranking index (in memory or in Redis) and its keeper, the scores kept by a
 * listener on every applied change, the kind's hooks, the reads, and the announcer of finished
 * periods.
 */
record LeaderboardFeature(Platform platform, RuleService rules, LeaderboardService service, Standings standings,
        LeaderboardQueries queries, Consumer<RouteTable> routes) {

    /** How often each node looks for finished leaderboard periods to announce. */
    static final Duration PERIOD_SCAN = Duration.ofSeconds(5);
    /**
     * How often each node checks its leaderboard indexes (whether Redis answers and accepts writes,
     * whether it restarted or was flushed) and repairs doubted ones from the store.
     */
    static final Duration INDEX_CHECK = Duration.ofSeconds(1);

    static LeaderboardFeature assemble(Platform platform, AccessFeature access, RuleService rules, UserStore users,
            Closer closer) {
        // the ranking index outlives the writers that update it: closed after them
        Rankings rankings = closer.add("the ranking index", Rankings.of(platform.config().redisUrl()));
        Standings standings = closer.add("the leaderboard standings",
                new Standings(platform.jdbi(), rankings).start(INDEX_CHECK));
        standings.bindTo(platform.registry());
        LeaderboardService service = new LeaderboardService(platform.jdbi(), rules, users, standings, platform.json(),
                platform.clock());
        LeaderboardQueries queries = new LeaderboardQueries(platform.jdbi(), rules, standings, platform.clock());
        LeaderboardRoutes routes = new LeaderboardRoutes(queries, access.auth(), platform.json());
        return new LeaderboardFeature(platform, rules, service, standings, queries, routes::register);
    }

    /** Keeps the scores of every applied change. */
    ChangeListener listener() {
        return new LeaderboardListener(service);
    }

    /** What defining a leaderboard does beyond storing it: the backfill of an all-time board. */
    LeaderboardHooks hooks() {
        return new LeaderboardHooks(service);
    }

    /** Once the server listens: loads the indexes, and starts announcing finished periods through {@code outbox}. */
    void start(Outbox outbox, Closer closer) {
        service.warm();
        closer.add("the finished-period announcer", new FinishedPeriods(platform.jdbi(), rules, standings,
                new LeaderboardNotices(outbox), outbox::wake, platform.clock(), PERIOD_SCAN).start());
    }

}
