package dev.ludus.profiles;

import dev.ludus.engine.ControlGroup;
import dev.ludus.engine.Flag;
import dev.ludus.http.Json;
import dev.ludus.store.StoreConflictException;
import dev.ludus.store.WriteBatch;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Update;

/** The SQL of user profiles. Stateless; every method runs on the caller's handle. */
public final class UserStore {

    private final Json json;
    private final String lockSql;

    /**
     * @param rowLocks whether the store has row locks ({@code SELECT ... FOR UPDATE}, PostgreSQL);
     *     without them (SQLite) the one writer of the database is the lock
     */
    public UserStore(Json json, boolean rowLocks) {
        this.json = json;
        this.lockSql = "SELECT timezone, last_active_at, last_event_hour, flag, locale FROM users"
                + " WHERE application_id = ? AND user_id = ?" + (rowLocks ? " FOR UPDATE" : "");
    }

    /**
     * A user that {@link #lock} found, with the timezone of their profile if it has one.
     *
     * @param activeAt the stored {@code last_active_at}, in epoch milliseconds
     * @param eventHour the stored {@code last_event_hour}: the UTC hour of the user's latest event, in
     *     hours since the epoch, 0 before their first
     * @param flag the flag a velocity guard raised, if any
     * @param locale the user's own language (a BCP 47 tag), if their profile has one
     */
    public record LockedUser(Optional<String> timezone, long activeAt, long eventHour, Optional<Flag> flag,
            Optional<String> locale) { }

    /**
     * Locks the user's row until the transaction ends, when the user exists ({@code FOR UPDATE} on
     * PostgreSQL; SQLite has one writer, which the transaction already holds). Writes nothing.
     *
     * <p>Reads without sending the batch's waiting rows first: the only rows of {@code users} a batch
     * defers are {@link #touch}es of {@code last_active_at}, which this read does not look at, and
     * {@link #flag}s, which a batch writes only for a user it has read (and keeps in its memo) once
     * (users are created and their profiles changed at once). Sending them would send every waiting row of
     * the batch before each work, and cost the batching of all of them.
     *
     * @return the user, or empty when there is none
     */
    public Optional<LockedUser> lock(WriteBatch batch, String applicationId, String userId) {
        LockedUser[] found = new LockedUser[1];
        batch.queryBeforeWrites(lockSql, row -> found[0] = new LockedUser(Optional.ofNullable(row.getString(1)),
                row.getLong(2), row.getLong(3), Optional.ofNullable(FlagView.read(json, row.getString(4))),
                Optional.ofNullable(row.getString(5))),
                applicationId, userId);
        return Optional.ofNullable(found[0]);
    }

    /**
     * {@link #lock} for several users of one application in one statement (PostgreSQL: the ids are
     * sent as an array). Users that do not exist are missing from the answer.
     */
    public Map<String, LockedUser> lockAll(WriteBatch batch, String applicationId, List<String> userIds) {
        Map<String, LockedUser> found = new HashMap<>();
        batch.queryBeforeWrites(
                "SELECT user_id, timezone, last_active_at, last_event_hour, flag, locale FROM users"
                        + " WHERE application_id = ? AND user_id = ANY (?) FOR UPDATE",
                row -> found.put(row.getString(1), new LockedUser(Optional.ofNullable(row.getString(2)), row.getLong(3),
                        row.getLong(4), Optional.ofNullable(FlagView.read(json, row.getString(5))),
                        Optional.ofNullable(row.getString(6)))),
                applicationId, userIds.toArray(String[]::new));
        return found;
    }

    /**
     * Creates a user that {@link #lock} found missing. When another node created it in between, the
     * transaction's view is stale: throws {@link StoreConflictException} so that the batch runs again.
     *
     * @param eventHour the {@code last_event_hour} to start with: {@link #eventHour} of {@code now} when an
     *     event creates the user, 0 otherwise
     */
    public void create(WriteBatch batch, String applicationId, String userId, Instant now, long eventHour) {
        int created = batch.handle().createUpdate("""
                INSERT INTO users (application_id, user_id, attributes, created_at, updated_at, last_active_at,
                    last_event_hour)
                VALUES (:application_id, :user_id, '{}', :now, :now, :now, :event_hour)
                ON CONFLICT (application_id, user_id) DO NOTHING""")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .bind("now", now.toEpochMilli())
                .bind("event_hour", eventHour)
                .execute();
        if (created == 0) {
            throw new StoreConflictException("user " + userId + " was created concurrently");
        }
    }

    /** Applies a patch to a locked user. */
    public void update(Handle handle, String applicationId, String userId, UserPatch patch, Instant now) {
        if (patch.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("UPDATE users SET updated_at = :now");
        Map<String, Object> values = new java.util.LinkedHashMap<>();
        column(sql, values, "name", patch.name());
        column(sql, values, "email", patch.email());
        column(sql, values, "timezone", patch.timezone());
        column(sql, values, "locale", patch.locale());
        if (patch.attributes().given()) {
            sql.append(", attributes = :attributes");
            values.put("attributes", json.text(patch.attributes().value().orElse(Map.of())));
        }
        sql.append(" WHERE application_id = :application_id AND user_id = :user_id");
        Update update = handle.createUpdate(sql.toString())
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .bind("now", now.toEpochMilli());
        values.forEach((column, value) -> update.bind(column, (String) value));
        update.execute();
        if (patch.attributes().given()) {
            replaceAttributes(handle, applicationId, userId, patch.attributes().value().orElse(Map.of()));
        }
    }

    /** Keeps {@code user_attributes}, the rows that {@code attribute=} searches, equal to the profile's. */
    private static void replaceAttributes(Handle handle, String applicationId, String userId,
            Map<String, String> attributes) {
        handle.createUpdate("DELETE FROM user_attributes WHERE application_id = :application_id AND user_id = :user_id")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .execute();
        if (attributes.isEmpty()) {
            return;
        }
        var insert = handle.prepareBatch(
                "INSERT INTO user_attributes (application_id, user_id, name, value) VALUES (?, ?, ?, ?)");
        attributes.forEach((name, value) -> insert.add(applicationId, userId, name, value));
        insert.execute();
    }

    /**
     * How finely {@code last_active_at} follows events: an event within this of the stored time does
     * not move it, so that a user's steady stream of events does not rewrite their row each time.
     */
    public static final java.time.Duration ACTIVITY_RESOLUTION = java.time.Duration.ofMinutes(1);

    /** The UTC hour of an instant, in hours since the epoch, as {@code last_event_hour} keeps it. */
    public static long eventHour(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), java.time.Duration.ofHours(1).toMillis());
    }

    /**
     * Records that the user was active at {@code now} (an event was received for them): moves
     * {@code last_active_at} to it and {@code last_event_hour} to its hour, in a deferred row of the
     * batch, sent with the batch's other rows. The caller skips it within {@link #ACTIVITY_RESOLUTION}
     * of the stored time when the hour is the stored one too.
     */
    public void touch(WriteBatch batch, String applicationId, String userId, Instant now) {
        batch.write("UPDATE users SET last_active_at = ?, last_event_hour = ? WHERE application_id = ? AND user_id = ?",
                now.toEpochMilli(), eventHour(now), applicationId, userId);
    }

    /** Keeps the user's flag ({@code null} clears it), in a deferred row of the batch. */
    public void flag(WriteBatch batch, String applicationId, String userId, Optional<Flag> flag) {
        batch.write("UPDATE users SET flag = ? WHERE application_id = ? AND user_id = ?",
                flag.map(raised -> FlagView.write(json, raised)).orElse(null), applicationId, userId);
    }

    private static void column(StringBuilder sql, Map<String, Object> values, String column,
            UserPatch.Member<String> member) {
        if (member.given()) {
            sql.append(", ").append(column).append(" = :").append(column);
            values.put(column, member.value().orElse(null));
        }
    }

    public Optional<User> find(Handle handle, String applicationId, String userId) {
        return handle.createQuery("SELECT u.*, a.control_group_percent FROM users u"
                        + " JOIN applications a ON a.id = u.application_id"
                        + " WHERE u.application_id = :application_id AND u.user_id = :user_id")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .map((rs, ctx) -> user(rs, rs.getInt("control_group_percent")))
                .findOne();
    }

    /** Up to {@code count} users of the application in id order, after the id {@code after} ("" for the first). */
    public List<User> after(Handle handle, String applicationId, String after, int count) {
        return handle.createQuery("SELECT u.*, a.control_group_percent FROM users u"
                        + " JOIN applications a ON a.id = u.application_id"
                        + " WHERE u.application_id = :application_id AND u.user_id > :after ORDER BY u.user_id LIMIT :count")
                .bind("application_id", applicationId)
                .bind("after", after)
                .bind("count", count)
                .map((rs, ctx) -> user(rs, rs.getInt("control_group_percent")))
                .list();
    }

    /** The application's {@code control_group_percent}; 0 for an unknown application. */
    int controlGroupPercent(Handle handle, String applicationId) {
        return handle.createQuery("SELECT control_group_percent FROM applications WHERE id = :id")
                .bind("id", applicationId)
                .mapTo(Integer.class)
                .findOne()
                .orElse(0);
    }

    /**
     * The profile in the current row of {@code rs}, a row of {@code users}, of an application whose
     * control group is {@code controlGroupPercent} percent of its users.
     */
    User user(java.sql.ResultSet rs, int controlGroupPercent) throws java.sql.SQLException {
        String applicationId = rs.getString("application_id");
        String userId = rs.getString("user_id");
        return new User(userId, rs.getString("name"), rs.getString("email"),
                rs.getString("timezone"), attributes(rs.getString("attributes")),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")),
                Instant.ofEpochMilli(rs.getLong("last_active_at")), FlagView.of(FlagView.read(json, rs.getString("flag"))),
                ControlGroup.holdsOut(controlGroupPercent, applicationId, userId), rs.getString("locale"));
    }

    /** The user's own timezone, if their profile has one. */
    public Optional<String> timezone(Handle handle, String applicationId, String userId) {
        return handle.createQuery("SELECT timezone FROM users WHERE application_id = :application_id AND user_id = :user_id")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .mapTo(String.class)
                .findOne();
    }

    public boolean exists(Handle handle, String applicationId, String userId) {
        return handle.createQuery("SELECT 1 FROM users WHERE application_id = :application_id AND user_id = :user_id")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    /** Deletes the user and, through foreign keys, everything about them; true when there was one. */
    public boolean delete(Handle handle, String applicationId, String userId) {
        handle.createUpdate("DELETE FROM idempotency_keys WHERE application_id = :application_id AND user_id = :user_id")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .execute();
        return handle.createUpdate("DELETE FROM users WHERE application_id = :application_id AND user_id = :user_id")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .execute() > 0;
    }

    public long count(Handle handle, String applicationId) {
        return handle.createQuery("SELECT COUNT(*) FROM users WHERE application_id = :application_id")
                .bind("application_id", applicationId)
                .mapTo(Long.class)
                .one();
    }

    private Map<String, String> attributes(String text) {
        Map<String, String> attributes = new HashMap<>();
        json.readTrusted(text).properties().forEach(entry -> attributes.put(entry.getKey(), entry.getValue().asText()));
        return attributes;
    }
}
