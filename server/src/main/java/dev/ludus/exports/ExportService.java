package dev.ludus.exports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.engine.Amount;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.profiles.User;
import dev.ludus.profiles.UserStore;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads what an export writes, a chunk at a time, each chunk in a short transaction of its own and
 * read by key (the event log's sequence, the user id), so that an export of any size holds one chunk
 * in memory and no transaction open while the client reads.
 */
public final class ExportService {

    /** Events read per chunk. */
    static final int EVENT_CHUNK = 2_000;
    /** The span of the event log's sequence one read covers (read by range of the primary key). */
    static final long SEQ_SPAN = 20_000;
    /** Users read per chunk. */
    static final int USER_CHUNK = 500;

    /** The columns of an events export, in order. */
    static final List<String> EVENT_COLUMNS = List.of("id", "user_id", "metric", "value", "occurred_at",
            "received_at", "attributes");

    private final Jdbi jdbi;
    private final UserStore users;
    private final ObjectMapper json;
    private final boolean sqlite;

    public ExportService(Jdbi jdbi, UserStore users, Json json, boolean sqlite) {
        this.jdbi = jdbi;
        this.users = users;
        this.json = json.mapper();
        this.sqlite = sqlite;
    }

    /** What an events export selects: received in {@code [from, to)}, after the event {@code after}. */
    record EventQuery(Instant from, Instant to, Optional<String> after) { }

    /**
     * Where an events export starts and ends in the log: after the event {@code after} (400 naming
     * {@code after} when the application has no such event), up to the log's end as the export begins.
     */
    record EventRange(long afterSeq, long lastSeq) { }

    EventRange range(String applicationId, EventQuery query) {
        return jdbi.withHandle(handle -> {
            long after = 0;
            if (query.after().isPresent()) {
                after = handle.createQuery("SELECT seq FROM events WHERE id = :id AND application_id = :application_id")
                        .bind("id", query.after().get())
                        .bind("application_id", applicationId)
                        .mapTo(Long.class)
                        .findOne()
                        .orElseThrow(() -> ApiException.invalidField("after", "no event '" + query.after().get()
                                + "' to resume after: give the id of the last event received"));
            }
            long last = handle.createQuery("SELECT COALESCE(MAX(seq), 0) FROM events").mapTo(Long.class).one();
            return new EventRange(after, last);
        });
    }

    /**
     * Writes the application's events of {@code range} received in the query's span, in the log's
     * order, flushing after each chunk.
     */
    void writeEvents(String applicationId, EventQuery query, EventRange range, ExportFormat.Lines lines)
            throws IOException {
        // by ranges of the primary key: never a sort, whatever the store's planner thinks of the other indexes
        String sql = "SELECT seq, id, user_id, metric, value, occurred_at, received_at, attributes FROM events"
                + (sqlite ? " NOT INDEXED" : "")
                + " WHERE seq > :low AND seq <= :high AND application_id = :application_id"
                + " AND received_at >= :from AND received_at < :to ORDER BY seq";
        long low = range.afterSeq();
        while (low < range.lastSeq()) {
            long high = Math.min(range.lastSeq(), low + SEQ_SPAN);
            long from = low;
            List<Map<String, Object>> chunk = jdbi.withHandle(handle -> handle.createQuery(sql)
                    .bind("low", from)
                    .bind("high", high)
                    .bind("application_id", applicationId)
                    .bind("from", query.from().toEpochMilli())
                    .bind("to", query.to().toEpochMilli())
                    .map((rs, ctx) -> {
                        Map<String, Object> event = new LinkedHashMap<>();
                        event.put("id", rs.getString("id"));
                        event.put("user_id", rs.getString("user_id"));
                        event.put("metric", rs.getString("metric"));
                        event.put("value", new Amount(rs.getLong("value")).toDecimal());
                        event.put("occurred_at", Instant.ofEpochMilli(rs.getLong("occurred_at")).toString());
                        event.put("received_at", Instant.ofEpochMilli(rs.getLong("received_at")).toString());
                        event.put("attributes", attributes(rs.getString("attributes")));
                        return event;
                    })
                    .list());
            for (Map<String, Object> event : chunk) {
                lines.write(event);
            }
            lines.flush();
            low = high;
        }
    }

    /** The columns of a users export: the profile's, then one per metric and points system of the rules. */
    List<String> userColumns(List<String> metrics, List<String> systems) {
        List<String> columns = new ArrayList<>(List.of("id", "name", "email", "timezone", "locale", "attributes",
                "created_at", "updated_at", "last_active_at", "flagged_at", "control_group"));
        metrics.forEach(metric -> columns.add("metric:" + metric));
        systems.forEach(system -> columns.add("points:" + system));
        columns.add("achievements");
        return columns;
    }

    /** Checks that {@code after} is a user of the application (400 naming {@code after} otherwise). */
    void checkUser(String applicationId, String after) {
        if (jdbi.withHandle(handle -> users.find(handle, applicationId, after)).isEmpty()) {
            throw ApiException.invalidField("after", "no user '" + after + "' to resume after: give the id of the"
                    + " last user received");
        }
    }

    /**
     * Writes the application's users in id order after {@code after}: the profile, then in NDJSON
     * {@code metrics} and {@code points} (totals and balances by key) and {@code achievements} (keys by
     * unlock time), in CSV one column per metric and points system and the achievements' keys joined by
     * spaces.
     */
    void writeUsers(String applicationId, Optional<String> after, ExportFormat format, List<String> metrics,
            List<String> systems, ExportFormat.Lines lines) throws IOException {
        String last = after.orElse("");
        while (true) {
            String from = last;
            List<Map<String, Object>> chunk = jdbi.withHandle(handle -> userChunk(handle, applicationId, from, format,
                    metrics, systems));
            for (Map<String, Object> user : chunk) {
                lines.write(user);
            }
            lines.flush();
            if (chunk.size() < USER_CHUNK) {
                return;
            }
            last = (String) chunk.getLast().get("id");
        }
    }

    private List<Map<String, Object>> userChunk(Handle handle, String applicationId, String after, ExportFormat format,
            List<String> metrics, List<String> systems) {
        List<User> page = users.after(handle, applicationId, after, USER_CHUNK);
        if (page.isEmpty()) {
            return List.of();
        }
        List<String> ids = page.stream().map(User::id).toList();
        Map<String, Map<String, Object>> totals = byUser(handle, applicationId, ids,
                "SELECT user_id, metric, total FROM user_metrics", rs -> new Amount(rs.getLong("total")).toDecimal(),
                "metric");
        Map<String, Map<String, Object>> balances = byUser(handle, applicationId, ids,
                "SELECT user_id, system_key, balance FROM user_points", rs -> rs.getLong("balance"), "system_key");
        Map<String, Map<String, Object>> unlocked = byUser(handle, applicationId, ids,
                "SELECT user_id, achievement, unlocked_at FROM user_achievements",
                rs -> Instant.ofEpochMilli(rs.getLong("unlocked_at")).toString(), "achievement");
        List<Map<String, Object>> chunk = new ArrayList<>();
        for (User user : page) {
            String id = user.id();
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("id", user.id());
            record.put("name", user.name());
            record.put("email", user.email());
            record.put("timezone", user.timezone());
            record.put("locale", user.locale());
            record.put("attributes", new TreeMap<>(user.attributes()));
            record.put("created_at", user.createdAt().toString());
            record.put("updated_at", user.updatedAt().toString());
            record.put("last_active_at", user.lastActiveAt().toString());
            record.put("flagged_at", user.flag() == null ? null : user.flag().flaggedAt().toString());
            record.put("control_group", user.controlGroup());
            Map<String, Object> userTotals = totals.getOrDefault(id, Map.of());
            Map<String, Object> userBalances = balances.getOrDefault(id, Map.of());
            Map<String, Object> userUnlocks = unlocked.getOrDefault(id, Map.of());
            if (format == ExportFormat.CSV) {
                metrics.forEach(metric -> record.put("metric:" + metric, userTotals.get(metric)));
                systems.forEach(system -> record.put("points:" + system, userBalances.get(system)));
                record.put("achievements", String.join(" ", new TreeMap<>(userUnlocks).keySet()));
            } else {
                record.put("metrics", new TreeMap<>(userTotals));
                record.put("points", new TreeMap<>(userBalances));
                record.put("achievements", new TreeMap<>(userUnlocks));
            }
            chunk.add(record);
        }
        return chunk;
    }

    @FunctionalInterface
    private interface Column {
        Object read(java.sql.ResultSet rs) throws java.sql.SQLException;
    }

    /** {@code select} of the chunk's users, as a map by user of maps by {@code key}. */
    private static Map<String, Map<String, Object>> byUser(Handle handle, String applicationId, List<String> ids,
            String select, Column value, String key) {
        Map<String, Map<String, Object>> byUser = new java.util.HashMap<>();
        handle.createQuery(select + " WHERE application_id = :application_id AND user_id IN (<ids>)")
                .bind("application_id", applicationId)
                .bindList("ids", ids)
                .map((rs, ctx) -> {
                    byUser.computeIfAbsent(rs.getString("user_id"), user -> new TreeMap<>())
                            .put(rs.getString(key), value.read(rs));
                    return Boolean.TRUE;
                })
                .list();
        return byUser;
    }

    private Map<String, String> attributes(String text) throws java.sql.SQLException {
        try {
            Map<String, String> attributes = new TreeMap<>();
            json.readTree(text).properties().forEach(entry -> attributes.put(entry.getKey(),
                    entry.getValue().asText()));
            return attributes;
        } catch (IOException e) {
            throw new java.sql.SQLException("stored attributes are not JSON", e);
        }
    }

    /** The export of everything held about one user, with this service's store. */
    UserExport userExport(java.time.Clock clock) {
        return new UserExport(jdbi, users, json, clock);
    }

    /** Writes the response body with {@code write}, in {@code format}, with the {@code columns}. */
    void stream(OutputStream out, ExportFormat format, List<String> columns, LinesWork write) throws IOException {
        try (ExportFormat.Lines lines = format.lines(out, columns, json)) {
            write.run(lines);
        }
    }

    @FunctionalInterface
    interface LinesWork {
        void run(ExportFormat.Lines lines) throws IOException;
    }
}
