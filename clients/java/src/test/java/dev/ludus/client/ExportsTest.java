package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link ExportsApi} and {@link UsersApi#export} against a real server with the rules of {@link Game}: 20
 * events of three users, a minute apart on the server's clock, exported as records a line at a time, resumed,
 * filtered by time and as CSV; the users with their totals; one user's whole record.
 */
class ExportsTest {

    private static final List<String> USERS = List.of("ada", "bob", "cy");

    @RegisterExtension
    static final LudusServer shared = new LudusServer();

    private Game game;
    private Instant start;
    /** The events' ids, in the order they were sent. */
    private final List<String> ids = new ArrayList<>();
    private final Map<String, List<String>> idsByUser = new HashMap<>();
    private final Map<String, Map<String, BigDecimal>> totals = new HashMap<>();
    private final Map<String, Long> xp = new HashMap<>();
    private final Map<String, TreeSet<String>> unlocked = new HashMap<>();

    @BeforeEach
    void twentyEventsOfThreeUsers() {
        game = Game.withRules(shared.ludus());
        start = shared.ludus().clock().instant();
        for (int i = 0; i < 20; i++) {
            String user = USERS.get(i % 3);
            Event event = i % 4 == 3
                    ? Event.builder("distance_km").userId(user).value(new BigDecimal("0.25")).attribute("mode", "run")
                            .build()
                    : Event.builder("steps").userId(user).value(new BigDecimal("250.5")).build();
            EventAnswer answer = game.server.events().send(event);
            ids.add(answer.event().id());
            idsByUser.computeIfAbsent(user, u -> new ArrayList<>()).add(answer.event().id());
            totals.computeIfAbsent(user, u -> new TreeMap<>()).put(answer.metric().key(), answer.metric().total());
            answer.points().stream().filter(change -> change.system().equals("xp"))
                    .forEach(change -> xp.put(user, change.balance()));
            answer.achievements().forEach(unlock -> unlocked.computeIfAbsent(user, u -> new TreeSet<>()).add(unlock.key()));
            shared.ludus().clock().advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void eventsAreReadInOrderResumedAfterAnIdFilteredByTimeAndCopiedAsCsv() {
        List<RecordedEvent> all;
        try (Stream<RecordedEvent> events = game.admin.exports().events()) {
            all = events.toList();
        }
        assertThat(all).extracting(RecordedEvent::id).containsExactlyElementsOf(ids);
        RecordedEvent run = all.get(3);
        assertThat(run.userId()).isEqualTo("ada");
        assertThat(run.metric()).isEqualTo("distance_km");
        assertThat(run.value()).isEqualTo(new BigDecimal("0.25"));
        assertThat(run.attributes()).isEqualTo(Map.of("mode", "run"));
        assertThat(run.receivedAt()).isEqualTo(start.plus(Duration.ofMinutes(3)));
        assertThat(all.get(0).value()).isEqualTo(new BigDecimal("250.5"));

        try (Stream<RecordedEvent> rest = game.admin.exports().events(ExportQuery.all().withAfter(ids.get(11)))) {
            assertThat(rest.map(RecordedEvent::id)).containsExactlyElementsOf(ids.subList(12, 20));
        }
        try (Stream<RecordedEvent> span = game.admin.exports().events(ExportQuery.all()
                .withFrom(start.plus(Duration.ofMinutes(5))).withTo(start.plus(Duration.ofMinutes(10))))) {
            assertThat(span.map(RecordedEvent::id)).containsExactlyElementsOf(ids.subList(5, 10));
        }
        try (Stream<RecordedEvent> first = game.admin.exports().events()) {
            assertThat(first.limit(2).map(RecordedEvent::id)).containsExactlyElementsOf(ids.subList(0, 2));
        }

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        long copied = game.admin.exports().eventsRaw(ExportQuery.all(), ExportsApi.Format.CSV, csv);
        List<String> lines = csv.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(copied).isEqualTo(csv.size());
        assertThat(lines).hasSize(21);
        assertThat(lines.get(0)).isEqualTo("id,user_id,metric,value,occurred_at,received_at,attributes");
        assertThat(lines.get(4)).startsWith(ids.get(3) + ",ada,distance_km,0.25,").endsWith(",\"{\"\"mode\"\":\"\"run\"\"}\"");
        ByteArrayOutputStream ndjson = new ByteArrayOutputStream();
        game.admin.exports().eventsRaw(ExportQuery.all().withAfter(ids.get(18)), ExportsApi.Format.NDJSON, ndjson);
        assertThat(ndjson.toString(StandardCharsets.UTF_8)).startsWith("{\"id\":\"" + ids.get(19) + "\"").endsWith("}\n")
                .hasLineCount(1);

        assertThatThrownBy(() -> game.admin.exports().events(ExportQuery.all().withAfter("evt_nope")))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("after");
                });
        assertThatThrownBy(() -> game.server.exports().events())
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    @Test
    void usersAreReadWithTheirTotalsAndOneUsersRecordHoldsTheirEvents() {
        List<ExportedUser> users;
        try (Stream<ExportedUser> stream = game.admin.exports().users()) {
            users = stream.toList();
        }
        assertThat(users).extracting(ExportedUser::id).containsExactlyElementsOf(USERS);
        for (ExportedUser user : users) {
            assertThat(user.metrics()).containsOnlyKeys(totals.get(user.id()).keySet());
            totals.get(user.id()).forEach((metric, total) ->
                    assertThat(user.metrics().get(metric)).as(user.id() + " " + metric).isEqualByComparingTo(total));
            assertThat(user.points()).containsEntry("xp", xp.get(user.id()));
            assertThat(user.achievements().keySet()).containsExactlyElementsOf(unlocked.getOrDefault(user.id(),
                    new TreeSet<>()));
            assertThat(user.createdAt()).isNotNull();
            assertThat(user.flaggedAt()).isNull();
            assertThat(user.controlGroup()).isFalse();
        }
        try (Stream<ExportedUser> rest = game.admin.exports().users("ada")) {
            assertThat(rest.map(ExportedUser::id)).containsExactly("bob", "cy");
        }
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        game.admin.exports().usersRaw(null, ExportsApi.Format.CSV, csv);
        List<String> lines = csv.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("id,name,email,timezone,locale,attributes,created_at,updated_at,last_active_at,"
                + "flagged_at,control_group,metric:distance_km,metric:steps,points:coins,points:xp,achievements");

        UserExport ada = game.server.users().export("ada");
        assertThat(ada.userId()).isEqualTo("ada");
        assertThat(ada.applicationId()).isEqualTo(game.app.applicationId());
        assertThat(ada.profile().id()).isEqualTo("ada");
        assertThat(ada.exportedAt()).isEqualTo(shared.ludus().clock().instant());
        assertThat(ada.events()).extracting(row -> row.get("id")).containsExactlyElementsOf(idsByUser.get("ada"));
        assertThat(ada.metrics()).extracting(row -> row.get("metric")).containsExactly("distance_km", "steps");
        assertThat(ada.pointsHistory()).isNotEmpty();
        assertThat(ada.webhookMessages()).isEmpty();
        assertThatThrownBy(() -> game.server.users().export("nobody"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }
}
