package dev.ludus;

import dev.ludus.engine.Refusal;
import dev.ludus.events.ChangeListener;
import dev.ludus.events.EventRequest;
import dev.ludus.events.EventRoutes;
import dev.ludus.events.EventService;
import dev.ludus.events.ExpirySweep;
import dev.ludus.events.ProgressService;
import dev.ludus.http.ApiException;
import dev.ludus.http.RouteTable;
import dev.ludus.profiles.UserSearch;
import dev.ludus.profiles.UserStore;
import dev.ludus.rules.RuleService;
import dev.ludus.store.GroupCommit;
import dev.ludus.users.UserList;
import dev.ludus.users.UserRoutes;
import java.util.List;
import java.util.function.Consumer;

/**
 * The write path of users' game state and its reads: the group commit's writers, the event service
 * with the listeners it hands every applied change to, the progress reads, the user list, and the
 * event and user routes.
 */
record EventFeature(EventService events, ProgressService progress, UserList users, List<Consumer<RouteTable>> routes) {

    /** Starts the expiry sweep of this node ({@link ExpirySweep}); the caller closes it before the writers. */
    ExpirySweep sweep(Platform platform) {
        return ExpirySweep.start(platform.jdbi(), events, platform.clock(), platform.config().expirySweepInterval());
    }

    /**
     * The event writers' group commit. Started before the features that write on it besides the
     * events (the webhook dispatcher, on SQLite), so that it stops after them.
     */
    static GroupCommit writers(Platform platform, Closer closer) {
        var config = platform.config();
        return closer.add("the event writers", new GroupCommit(platform.jdbi(),
                platform.database().durability(), "events", config.store().writers(), config.writeQueuePerWriter(),
                config.store().writeBatch(), platform.registry(),
                // refusals of a request, thrown before a work writes anything
                failure -> failure instanceof ApiException || failure instanceof Refusal));
    }

    /**
     * @param commit the event writers ({@link #writers})
     * @param listeners what follows each applied change, in the order they run
     */
    static EventFeature assemble(Platform platform, AccessFeature access, RuleService rules, UserStore users,
            GroupCommit commit, List<ChangeListener> listeners) {
        var config = platform.config();
        var clock = platform.clock();
        var json = platform.json();
        EventService events = new EventService(platform.jdbi(), commit, rules, users, listeners, platform.secrets(), json,
                config.idempotencyRetention(), access.tenancy()::gameSettings, clock);
        if (!platform.sqlite()) {
            // a round trip per statement: read a batch's users in two statements, not two per event
            commit.prepareWith(events::prepare);
        }
        ProgressService progress = new ProgressService(platform.jdbi(), rules, users, events, json, access.tenancy()::defaultTimezone, clock);
        UserList list = new UserList(platform.jdbi(), new UserSearch(users, !platform.sqlite()), rules);
        return new EventFeature(events, progress, list, List.of(
                new EventRoutes(events, access.auth(), json,
                        new EventRequest.Window(config.eventMaxAge(), config.eventMaxSkew()), clock)::register,
                new UserRoutes(events, progress, list, access.auth(), json)::register,
                new dev.ludus.seasons.SeasonRoutes(new dev.ludus.seasons.SeasonService(platform.jdbi(), rules, clock),
                        access.auth(), json)::register));
    }

}
