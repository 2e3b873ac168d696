package dev.ludus.events;

import dev.ludus.engine.UserState;
import dev.ludus.store.WriteBatch;
import dev.ludus.profiles.UserPatch;
import dev.ludus.profiles.UserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users a write batch touches, as the batch knows them: locked and read the first time (or all
 * at once, ahead of the works, on PostgreSQL), then as the batch's earlier works left them, since
 * their rows are deferred to the commit and the store does not show them yet. Kept in the batch's
 * memos; stateless itself.
 */
final class BatchUsers {

    /** Each user the batch has read or written, by {@link Key}. */
    private static final WriteBatch.Memo<Standing> STANDING = WriteBatch.Memo.named("standing");

    private final UserStore users;
    private final StateStore state;

    BatchUsers(UserStore users, StateStore state) {
        this.users = users;
        this.state = state;
    }

    /**
     * The user as this batch knows them: locked and read the first time, then as the batch's earlier
     * works left them (their rows are deferred to the commit, so the store does not show them yet).
     */
    Standing standing(WriteBatch batch, String applicationId, String userId) {
        Key key = new Key(applicationId, userId);
        return batch.memo(STANDING, key, () -> users.lock(batch, applicationId, userId)
                .map(user -> new Standing(true, user.timezone(),
                        state.load(batch, applicationId, userId).withFlag(user.flag()), user.activeAt(),
                        user.eventHour(), user.locale()))
                .orElse(Standing.NEW));
    }

    /**
     * Locks and reads every user of a batch in two statements per application instead of two per
     * work (PostgreSQL, where each statement is a round trip); {@link #standing} then finds them
     * remembered.
     */
    void prepare(WriteBatch batch, List<Object> partitions) {
        Map<String, List<String>> byApplication = new java.util.LinkedHashMap<>();
        for (Object partition : new java.util.LinkedHashSet<>(partitions)) {
            if (!(partition instanceof Key key) || batch.remembered(STANDING, key).isPresent()) {
                continue;
            }
            byApplication.computeIfAbsent(key.applicationId(), app -> new ArrayList<>()).add(key.userId());
        }
        byApplication.forEach((applicationId, userIds) -> {
            Map<String, UserStore.LockedUser> found = users.lockAll(batch, applicationId, userIds);
            Map<String, UserState> states = found.isEmpty() ? Map.of()
                    : state.loadAll(batch, applicationId, List.copyOf(found.keySet()));
            for (String userId : userIds) {
                UserStore.LockedUser user = found.get(userId);
                remember(batch, applicationId, userId, user == null ? Standing.NEW
                        : new Standing(true, user.timezone(), states.get(userId).withFlag(user.flag()),
                                user.activeAt(), user.eventHour(), user.locale()));
            }
        });
    }

    static void remember(WriteBatch batch, String applicationId, String userId, Standing standing) {
        batch.remember(STANDING, new Key(applicationId, userId), standing);
    }

    static void forget(WriteBatch batch, String applicationId, String userId) {
        batch.forget(STANDING, new Key(applicationId, userId));
    }

    /** A user of an application: the partition of the user's writes, and the key they are remembered by. */
    record Key(String applicationId, String userId) { }

    /**
     * A user's existence, the timezone of their profile, their game state, their stored
     * {@code last_active_at} (epoch milliseconds; 0 for a user the batch creates, whose row has it),
     * {@code last_event_hour} (0 before their first event) and the language of their profile, within
     * one batch.
     */
    record Standing(boolean exists, Optional<String> timezone, UserState state, long activeAt, long eventHour,
            Optional<String> locale) {
        static final Standing NEW = new Standing(false, Optional.empty(), UserState.EMPTY, 0, 0, Optional.empty());

        /** This user once created (if new) and given {@code patch}. */
        Standing patched(UserPatch patch) {
            return new Standing(true, patch.timezone().given() ? patch.timezone().value() : timezone, state, activeAt,
                    eventHour, patch.locale().given() ? patch.locale().value() : locale);
        }

        Standing with(UserState next) {
            return new Standing(true, timezone, next, activeAt, eventHour, locale);
        }

        /** This user with {@code last_active_at} moved to {@code at} and {@code last_event_hour} to its hour. */
        Standing touched(java.time.Instant at) {
            return new Standing(exists, timezone, state, at.toEpochMilli(), UserStore.eventHour(at), locale);
        }
    }
}
