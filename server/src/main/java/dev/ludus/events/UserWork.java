package dev.ludus.events;

import dev.ludus.engine.Change;
import dev.ludus.engine.Rules;
import dev.ludus.engine.UserState;
import dev.ludus.http.Json;
import dev.ludus.store.WriteBatch;
import java.time.Instant;
import java.util.Optional;

/**
 * One write of a user's game state by a feature outside this package (the rewards' redemptions), as
 * {@link EventService#write} runs it: in the user's partition of the event writers, with the user's
 * state as it stands, the application's rules of the batch and the instant of the write. The feature
 * decides a {@link Change} with the engine, refusing (by throwing) before it writes anything, then
 * {@link #persist}s it once. Confined to the writer's thread for the length of the work.
 */
public final class UserWork {

    /** What persisting a change does: the service's own path, the same as for events. */
    interface Persister {
        ChangeOutputs persist(Change change, Optional<String> reason);
    }

    private final WriteBatch batch;
    private final Instant now;
    private final Rules rules;
    private final UserState state;
    private final boolean userExists;
    private final Persister persister;
    private final Json json;
    private final java.util.function.Supplier<java.time.ZoneId> zone;
    private final dev.ludus.engine.Language language;
    private boolean persisted;

    UserWork(WriteBatch batch, Instant now, Rules rules, UserState state, boolean userExists, Persister persister,
            Json json, java.util.function.Supplier<java.time.ZoneId> zone, dev.ludus.engine.Language language) {
        this.zone = zone;
        this.language = language;
        this.batch = batch;
        this.now = now;
        this.rules = rules;
        this.state = state;
        this.userExists = userExists;
        this.persister = persister;
        this.json = json;
    }

    /** Whom the write's answer speaks to: the user's language, the request's, the application's default. */
    public dev.ludus.engine.Language language() {
        return language;
    }

    /** The writer's batch: its handle, its deferred writes, its memos. */
    public WriteBatch batch() {
        return batch;
    }

    /** The instant of the write, in milliseconds. */
    public Instant now() {
        return now;
    }

    /** The application's active rules for this batch, as the engine sees them. */
    public Rules rules() {
        return rules;
    }

    /** The user's state before this write. */
    public UserState state() {
        return state;
    }

    /** The timezone the user's periods are judged in: the profile's, else the application's default. */
    public java.time.ZoneId zone() {
        return zone.get();
    }

    /** Whether the user has a profile. */
    public boolean userExists() {
        return userExists;
    }

    /**
     * Writes {@code change} (the user's state, the points history with {@code reason}) and hands it to
     * the listeners (webhooks, statistics, leaderboards), creating the user when new; once per work.
     */
    public ChangeOutputs persist(Change change, Optional<String> reason) {
        if (persisted) {
            throw new IllegalStateException("a user write persists one change");
        }
        persisted = true;
        return persister.persist(change, reason);
    }

    /** The reply of the work: {@code answer} as JSON with {@code status}. */
    public Reply reply(int status, Object answer) {
        return Reply.of(status, answer, json);
    }
}
