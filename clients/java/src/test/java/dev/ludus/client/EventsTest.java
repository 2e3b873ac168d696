package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link EventsApi} against a real server with the rules of {@link Game}; times are the server's clock. */
class EventsTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private Game game;

    @BeforeEach
    void newApplicationWithRules() {
        game = Game.withRules(shared.ludus());
    }

    @Test
    void anEventAnswersWhatChanged() {
        Instant now = shared.ludus().clock().instant();
        EventAnswer answer = game.server.events().send(Event.builder("steps").userId("user_123").value(1200)
                .attribute("device", "watch").build());

        assertThat(answer.idempotentReplayed()).isFalse();
        assertThat(answer.event().id()).startsWith("evt_");
        assertThat(answer.event().userId()).isEqualTo("user_123");
        assertThat(answer.event().metric()).isEqualTo("steps");
        assertThat(answer.event().value()).isEqualByComparingTo("1200");
        assertThat(answer.event().attributes()).isEqualTo(Map.of("device", "watch"));
        assertThat(answer.event().receivedAt()).isEqualTo(now);
        assertThat(answer.metric()).isEqualTo(new EventAnswer.MetricTotal("steps", new BigDecimal("1200")));
        // 1,200 steps at 10 per 100 make 120; first_steps unlocks and its trigger in xp pays 100 more.
        assertThat(answer.points()).containsExactly(new PointsChange("xp", 220, 220, false));
        assertThat(answer.levels()).containsExactly(new LevelChange("xp", new LevelReached(1, "Rookie"),
                new LevelReached(2, "Walker")));
        assertThat(answer.achievements()).singleElement().satisfies(unlock -> {
            assertThat(unlock.key()).isEqualTo("first_steps");
            assertThat(unlock.name()).isEqualTo("First steps");
            assertThat(unlock.backfilled()).isFalse();
            assertThat(unlock.reward()).isNull();
            assertThat(unlock.unlockedAt()).isEqualTo(answer.event().receivedAt());
        });
    }

    @Test
    void valuesAreExactDecimals() {
        EventAnswer last = null;
        for (int i = 0; i < 3; i++) {
            last = game.event("ada", "distance_km", "0.1");
        }
        EventAnswer large = game.event("ada", "steps", "123456789012.000001");

        assertThat(last.metric().total()).isEqualTo(new BigDecimal("0.3"));
        assertThat(large.metric().total().toPlainString()).isEqualTo("123456789012.000001");
        assertThat(game.server.events().send(Event.builder("steps").userId("ada").value(new BigDecimal("1E+3")).build())
                .event().value()).isEqualTo(new BigDecimal("1000"));
        assertThatThrownBy(() -> game.event("ada", "steps", "0.0000001"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.error()).isEqualTo("invalid_request");
                    assertThat(e.field()).hasValue("value");
                    assertThat(e.detail()).hasValueSatisfying(detail -> assertThat(detail).contains("6 decimal places"));
                });
    }

    @Test
    void filtersAndOccurredAtGoWithTheEvent() {
        Instant now = shared.ludus().clock().instant();
        Instant occurred = now.minus(Duration.ofHours(2)).plusMillis(250);
        EventAnswer walk = game.server.events().send(Event.builder("distance_km").userId("ada").value(new BigDecimal("0.5"))
                .occurredAt(occurred).build());
        EventAnswer run = game.server.events().send(Event.builder("distance_km").userId("ada").value(new BigDecimal("0.5"))
                .attributes(Map.of("mode", "run")).build());

        assertThat(walk.event().occurredAt()).isEqualTo(occurred);
        assertThat(walk.points()).isEmpty();
        assertThat(run.points()).containsExactly(new PointsChange("xp", 5, 5, false));
        assertThatThrownBy(() -> game.server.events().send(Event.builder("steps").userId("ada")
                .occurredAt(now.minus(Duration.ofDays(8))).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("occurred_at"));
    }

    @Test
    void anEventCanChangeTheProfileAndNullClearsAMember() {
        game.server.users().put("ada", new UserProfile("Ada", "ada@example.com", "Europe/London", Map.of("plan", "pro")));

        game.server.events().send(Event.builder("steps").userId("ada")
                .user(ProfileChanges.builder().name("Ada Lovelace").email(null).build()).build());

        User ada = game.server.users().get("ada");
        assertThat(ada.name()).isEqualTo("Ada Lovelace");
        assertThat(ada.email()).isNull();
        assertThat(ada.timezone()).isEqualTo("Europe/London");
        assertThat(ada.attributes()).isEqualTo(Map.of("plan", "pro"));
    }

    @Test
    void theSameExplicitKeyIsAppliedOnceAndReplayed() {
        Event event = Event.builder("steps").userId("bob").value(600).idempotencyKey("steps-bob-0001").build();

        EventAnswer first = game.server.events().send(event);
        EventAnswer again = game.server.events().send(event);

        assertThat(first.idempotentReplayed()).isFalse();
        assertThat(again.idempotentReplayed()).isTrue();
        assertThat(again.event()).isEqualTo(first.event());
        assertThat(again.metric().total()).isEqualByComparingTo("600");
        assertThat(game.server.users().progress("bob").metrics())
                .contains(new Progress.MetricProgress("steps", "Steps", new BigDecimal("600")));
    }

    @Test
    void aKeyReusedForAnotherEventIsAConflict() {
        game.server.events().send(Event.builder("steps").userId("bob").value(600).idempotencyKey("k-1").build());

        assertThatThrownBy(() -> game.server.events().send(Event.builder("steps").userId("bob").value(601)
                .idempotencyKey("k-1").build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("idempotency_conflict");
                    assertThat(e.field()).hasValue("idempotency_key");
                });
    }

    @Test
    void withoutAKeyEachSendIsANewEvent() {
        Event oneStep = Event.builder("steps").userId("carol").build();

        game.server.events().send(oneStep);
        EventAnswer second = game.server.events().send(oneStep);

        assertThat(second.idempotentReplayed()).isFalse();
        assertThat(second.metric().total()).isEqualByComparingTo("2");
    }

    @Test
    void anUnknownMetricIsALudusExceptionWithCodeStatusFieldAndRequestId() {
        assertThatThrownBy(() -> game.event("ada", "nope", "1"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("unknown_metric");
                    assertThat(e.field()).hasValue("metric");
                    assertThat(e.title()).hasValue("Unknown metric");
                    assertThat(e.detail()).hasValue("no active metric 'nope'; define it with PUT /v1/metrics/nope");
                    assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
                    assertThat(e.getMessage()).isEqualTo("HTTP 400 unknown_metric [metric]: " + e.detail().get()
                            + " (request id " + e.requestId().get() + ")");
                });
    }

    @Test
    void anotherUsersEventNeedsUsersWrite() {
        LudusClient alice = game.server.asUser("alice");

        assertThat(alice.events().send(Event.builder("steps").build()).event().userId()).isEqualTo("alice");
        assertThatThrownBy(() -> alice.events().send(Event.builder("steps").userId("bob").build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("insufficient_permissions");
                    assertThat(e.field()).hasValue("user_id");
                });
    }

    @Test
    void aBatchAppliesEachEventOnItsOwn() {
        List<BatchResult> results = game.server.events().sendBatch(List.of(
                Event.builder("steps").userId("user_7").value(300).idempotencyKey("import-7-1").build(),
                Event.builder("nope").userId("user_7").build(),
                Event.builder("steps").userId("user_7").value(new BigDecimal("0.0000001")).build(),
                Event.builder("steps").userId("user_8").value(800).build()));

        assertThat(results).extracting(BatchResult::status).containsExactly(201, 400, 400, 201);
        assertThat(results).extracting(BatchResult::ok).containsExactly(true, false, false, true);
        assertThat(results.get(0).body().points()).containsExactly(new PointsChange("xp", 30, 30, false));
        assertThat(results.get(0).error()).isNull();
        assertThat(results.get(1).body()).isNull();
        assertThat(results.get(1).error().error()).isEqualTo("unknown_metric");
        assertThat(results.get(1).error().status()).isEqualTo(400);
        assertThat(results.get(1).error().title()).isEqualTo("Unknown metric");
        assertThat(results.get(1).error().field()).isEqualTo("events[1].metric");
        assertThat(results.get(2).error().error()).isEqualTo("invalid_request");
        assertThat(results.get(2).error().field()).isEqualTo("events[2].value");
        assertThat(results.get(3).body().metric().total()).isEqualByComparingTo("800");

        // Sent again, the keyed event is replayed, not applied twice.
        List<BatchResult> again = game.server.events().sendBatch(List.of(
                Event.builder("steps").userId("user_7").value(300).idempotencyKey("import-7-1").build()));
        assertThat(again.get(0).status()).isEqualTo(201);
        assertThat(again.get(0).body().idempotentReplayed()).isTrue();
        assertThat(game.server.users().progress("user_7").metrics())
                .contains(new Progress.MetricProgress("steps", "Steps", new BigDecimal("300")));
    }

    @Test
    void aMalformedBatchIsRefusedAsAWhole() {
        assertThatThrownBy(() -> game.server.events().sendBatch(List.of()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("events");
                });
    }

    @Test
    void validateChecksWithoutRecording() {
        ValidatedEvent checked = game.server.events().validate(Event.builder("nope").userId("dave")
                .value(new BigDecimal("250.5")).attribute("device", "phone").build());

        assertThat(checked.valid()).isTrue();
        assertThat(checked.userId()).isEqualTo("dave");
        assertThat(checked.metric()).isEqualTo("nope");
        assertThat(checked.value()).isEqualByComparingTo("250.5");
        assertThat(checked.attributes()).isEqualTo(Map.of("device", "phone"));
        assertThat(checked.occurredAt()).as("now, by the server's clock").isEqualTo(shared.ludus().clock().instant());
        assertThatThrownBy(() -> game.server.users().get("dave"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.error()).isEqualTo("not_found"));
        assertThatThrownBy(() -> game.server.events().validate(Event.builder("Not A Key").build()))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("metric"));
    }
}
