package dev.ludus.events;

import dev.ludus.engine.Change;
import dev.ludus.engine.Event;
import dev.ludus.engine.Rules;
import dev.ludus.engine.UserState;
import java.time.Instant;
import java.util.Optional;

/**
 * One change of a user's game state, saved in a write's transaction and handed to every
 * {@link ChangeListener}.
 *
 * @param rules the application's rules the change was made by
 * @param before the user's state before the change ({@link Change#state()} is the state after it)
 * @param event the event that made the change; empty for an adjustment, a completion, a freeze grant
 *     or a backfill
 * @param now the instant of the write, in the store's precision (milliseconds)
 */
public record AppliedChange(String applicationId, String userId, Rules rules, UserState before, Change change,
        Optional<Event> event, Instant now) { }
