package dev.ludus.events;

import dev.ludus.engine.Change;
import dev.ludus.engine.Event;
import dev.ludus.engine.Language;
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
 * @param lastEventHour the UTC hour of the user's latest event before this change, in hours since the
 *     epoch ({@code last_event_hour}); 0 when they had none. An event whose {@code now} falls in
 *     another hour is the user's first event of that hour (and, when the UTC day differs too, of that
 *     day).
 * @param controlGroup whether the user is in the application's control group: the change counts, but
 *     nothing of the game is shown to them (no webhooks of it)
 * @param language the language notices about the user are written in: their profile's, else the
 *     application's default
 */
public record AppliedChange(String applicationId, String userId, Rules rules, UserState before, Change change,
        Optional<Event> event, Instant now, long lastEventHour, boolean controlGroup, Language language) { }
