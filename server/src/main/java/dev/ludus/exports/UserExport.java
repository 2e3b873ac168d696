package dev.ludus.exports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.engine.Amount;
import dev.ludus.http.ApiException;
import dev.ludus.profiles.User;
import dev.ludus.profiles.UserStore;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Everything Ludus holds about one user, as one JSON document written as it is read: the profile,
 * then every table's rows about them (game state, events, points history, streak periods, quest
 * history, redemptions, team memberships, leaderboard scores, webhook messages), the long ones a
 * chunk at a time. For access requests (GDPR article 15): the rows as stored, with instants as RFC
 * 3339 text, amounts as decimals and stored JSON as JSON.
 */
final class UserExport {

    /** A table's rows about a user, and how to page through them: by {@code seq}, or all at once. */
    private record Section(String name, String table, boolean bySeq, String order) { }

    private static final List<Section> SECTIONS = List.of(
            new Section("metrics", "user_metrics", false, "metric"),
            new Section("points", "user_points", false, "system_key"),
            new Section("achievements", "user_achievements", false, "achievement"),
            new Section("streaks", "user_streaks", false, "streak"),
            new Section("quests", "user_quests", false, "quest"),
            new Section("attributes", "user_attributes", false, "name"),
            new Section("events", "events", true, "seq"),
            new Section("points_history", "points_ledger", true, "seq"),
            new Section("points_seasons", "points_seasons", false, "system_key, season_start"),
            new Section("streak_periods", "streak_periods", false, "streak, period_start"),
            new Section("quest_history", "quest_history", false, "quest, window_start"),
            new Section("redemptions", "redemptions", true, "seq"),
            new Section("teams", "team_members", false, "team_id"),
            new Section("leaderboard_scores", "leaderboard_scores", false, "leaderboard, period"),
            new Section("webhook_messages", "webhook_messages", true, "seq"));

    /** Columns that hold the user's identity, said once at the top instead of on every row. */
    private static final Set<String> OMITTED = Set.of("application_id", "user_id");
    /** Columns that hold JSON text. */
    private static final Set<String> JSON_TEXT = Set.of("attributes", "state", "payload", "progress");
    /** Columns that hold an exact amount in millionths. */
    private static final Set<String> AMOUNTS = Set.of("value", "total");

    private static final int CHUNK = 1_000;

    private final Jdbi jdbi;
    private final UserStore users;
    private final ObjectMapper json;
    private final Clock clock;

    UserExport(Jdbi jdbi, UserStore users, ObjectMapper json, Clock clock) {
        this.jdbi = jdbi;
        this.users = users;
        this.json = json;
        this.clock = clock;
    }

    /** The user, or 404 before anything is written. */
    User user(String applicationId, String userId) {
        return jdbi.withHandle(handle -> users.find(handle, applicationId, userId))
                .orElseThrow(() -> ApiException.notFound("no user '" + userId + "'"));
    }

    void write(String applicationId, User user, OutputStream out) throws IOException {
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeStringField("application_id", applicationId);
            generator.writeStringField("user_id", user.id());
            generator.writeStringField("exported_at", clock.instant().toString());
            generator.writeFieldName("profile");
            json.writeValue(generator, user);
            for (Section section : SECTIONS) {
                generator.writeArrayFieldStart(section.name());
                writeRows(applicationId, user.id(), section, generator);
                generator.writeEndArray();
                generator.flush();
            }
            generator.writeEndObject();
        }
    }

    private void writeRows(String applicationId, String userId, Section section, JsonGenerator generator)
            throws IOException {
        String sql = "SELECT * FROM " + section.table() + " WHERE application_id = :application_id AND user_id = :user_id"
                + (section.bySeq() ? " AND seq > :after ORDER BY seq LIMIT " + CHUNK : " ORDER BY " + section.order());
        long after = 0;
        while (true) {
            long from = after;
            long[] last = {-1};
            int[] count = {0};
            try {
                jdbi.useHandle(handle -> {
                    var query = handle.createQuery(sql)
                            .bind("application_id", applicationId)
                            .bind("user_id", userId);
                    if (section.bySeq()) {
                        query.bind("after", from);
                    }
                    query.map((rs, ctx) -> {
                        writeRow(rs, generator);
                        count[0]++;
                        if (section.bySeq()) {
                            last[0] = rs.getLong("seq");
                        }
                        return Boolean.TRUE;
                    }).forEach(row -> { });
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            generator.flush();
            if (!section.bySeq() || count[0] < CHUNK) {
                return;
            }
            after = last[0];
        }
    }

    private void writeRow(ResultSet rs, JsonGenerator generator) throws SQLException {
        try {
            ResultSetMetaData columns = rs.getMetaData();
            generator.writeStartObject();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                String name = columns.getColumnLabel(i).toLowerCase(java.util.Locale.ROOT);
                if (OMITTED.contains(name)) {
                    continue;
                }
                Object value = rs.getObject(i);
                generator.writeFieldName(name);
                if (value == null) {
                    generator.writeNull();
                } else if (name.endsWith("_at") && value instanceof Number number) {
                    generator.writeString(Instant.ofEpochMilli(number.longValue()).toString());
                } else if (AMOUNTS.contains(name) && value instanceof Number number) {
                    generator.writeNumber(new Amount(number.longValue()).toDecimal());
                } else if (JSON_TEXT.contains(name) && value instanceof String text) {
                    generator.writeTree(json.readTree(text));
                } else if (value instanceof Number number) {
                    generator.writeNumber(number.longValue());
                } else {
                    generator.writeString(value.toString());
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
