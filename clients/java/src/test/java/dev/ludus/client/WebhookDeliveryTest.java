package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.config.LudusConfig;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.MutableClock;
import dev.ludus.testing.WebhookReceiver;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link WebhooksApi} and {@link Webhooks#verify} against messages the real server signs and sends
 * to a {@link WebhookReceiver} on loopback (allowed by {@code LUDUS_WEBHOOK_ALLOW_PRIVATE}). The
 * receiver answers 200. Before each test the server's clock is brought to the present, since {@code
 * Webhooks.verify(secret, headers, body)} judges a message's timestamp by the system clock.
 */
class WebhookDeliveryTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer(Map.of(LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true"));
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final ObjectMapper JSON = new ObjectMapper();

    private Game game;
    private MutableClock clock;
    private WebhookReceiver receiver;

    @BeforeEach
    void newApplicationAndReceiver() {
        clock = shared.ludus().clock();
        clock.advanceTo(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        game = Game.withRules(shared.ludus());
        receiver = WebhookReceiver.start();
    }

    /** The {@code number}th request the receiver got (from 1), waiting for it up to 10 s. */
    private WebhookReceiver.Received message(int number) {
        return receiver.await(number).get(number - 1);
    }

    @AfterEach
    void closeReceiver() {
        receiver.close();
    }

    private NewWebhookEndpoint subscribeToUnlocks() {
        return game.admin.webhooks().create(receiver.url(), List.of(WebhookEventType.ACHIEVEMENT_UNLOCKED), "tests");
    }

    @Test
    void verifiesAnAchievementUnlockedMessageSentByTheServer() throws Exception {
        NewWebhookEndpoint endpoint = subscribeToUnlocks();

        game.event("ada", "steps", "1200");
        WebhookReceiver.Received message = message(1);

        assertThatCode(() -> Webhooks.verify(endpoint.secret(), message.headers(), message.bodyBytes()))
                .doesNotThrowAnyException();
        JsonNode payload = JSON.readTree(message.body());
        assertThat(payload.path("type").asText()).isEqualTo("achievement.unlocked");
        assertThat(payload.path("data").path("user_id").asText()).isEqualTo("ada");
        assertThat(payload.path("data").path("achievement").path("key").asText()).isEqualTo("first_steps");
        assertThat(message.header("webhook-id")).startsWith("msg_");
    }

    @Test
    void refusesAServerMessageWithATamperedBody() {
        NewWebhookEndpoint endpoint = subscribeToUnlocks();
        game.event("ada", "steps", "1200");
        WebhookReceiver.Received message = message(1);
        byte[] tampered = message.body().replace("\"ada\"", "\"eve\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(tampered).isNotEqualTo(message.bodyBytes());
        assertThatThrownBy(() -> Webhooks.verify(endpoint.secret(), message.headers(), tampered))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void refusesAServerMessageOnceItsTimestampIsOld() {
        NewWebhookEndpoint endpoint = subscribeToUnlocks();
        game.event("ada", "steps", "1200");
        WebhookReceiver.Received message = message(1);
        Clock sixMinutesLater = Clock.offset(clock, Duration.ofMinutes(6));

        assertThatThrownBy(() -> Webhooks.verify(endpoint.secret(), message.headers(), message.bodyBytes(),
                Webhooks.DEFAULT_TOLERANCE, sixMinutesLater))
                .isInstanceOf(WebhookVerificationException.class)
                .hasMessageContaining("too old");
    }

    @Test
    void refusesAServerMessageUnderAnotherSecretAndWithAMovedTimestamp() {
        NewWebhookEndpoint endpoint = subscribeToUnlocks();
        NewWebhookEndpoint other = game.admin.webhooks().create(receiver.url() + "/other",
                List.of(WebhookEventType.STREAK_LOST), null);
        game.event("ada", "steps", "1200");
        WebhookReceiver.Received message = message(1);
        Map<String, String> moved = new HashMap<>(message.headers());
        moved.put("webhook-timestamp", Long.toString(Long.parseLong(message.header("webhook-timestamp")) - 1));

        assertThatThrownBy(() -> Webhooks.verify(other.secret(), message.headers(), message.bodyBytes()))
                .isInstanceOf(WebhookVerificationException.class);
        assertThatThrownBy(() -> Webhooks.verify(endpoint.secret(), moved, message.bodyBytes()))
                .isInstanceOf(WebhookVerificationException.class);
    }

    @Test
    void duringARotationBothSecretsVerifyAPing() {
        NewWebhookEndpoint endpoint = subscribeToUnlocks();

        WebhookSecretRotation rotation = game.admin.webhooks().rotateSecret(endpoint.id(), Duration.ofHours(1));
        WebhookPing ping = game.admin.webhooks().ping(endpoint.id());
        WebhookReceiver.Received message = message(1);

        assertThat(rotation.secret()).startsWith("whsec_").isNotEqualTo(endpoint.secret());
        assertThat(rotation.previousSecretExpiresAt()).isEqualTo(clock.instant().plus(Duration.ofHours(1)));
        assertThat(ping.succeeded()).isTrue();
        assertThat(ping.httpStatus()).isEqualTo(200);
        assertThat(message.header("webhook-signature").split(" ")).hasSize(2);
        assertThatCode(() -> Webhooks.verify(rotation.secret(), message.headers(), message.bodyBytes()))
                .doesNotThrowAnyException();
        assertThatCode(() -> Webhooks.verify(endpoint.secret(), message.headers(), message.bodyBytes()))
                .doesNotThrowAnyException();
    }

    @Test
    void endpointsAreCreatedReadChangedListedAndDeleted() {
        NewWebhookEndpoint created = subscribeToUnlocks();
        WebhookEndpoint read = game.admin.webhooks().get(created.id());

        WebhookEndpoint changed = game.admin.webhooks().update(created.id(), WebhookEndpointChanges.builder()
                .eventTypes(WebhookEventType.POINTS_CHANGED, WebhookEventType.POINTS_EXPIRING, WebhookEventType.STREAK_LOST)
                .enabled(false).build());

        assertThat(created.id()).startsWith("whe_");
        assertThat(created.secret()).startsWith("whsec_");
        assertThat(created.toString()).doesNotContain(created.secret());
        assertThat(created.url()).isEqualTo(receiver.url());
        assertThat(created.description()).isEqualTo("tests");
        assertThat(created.eventTypes()).containsExactly(WebhookEventType.ACHIEVEMENT_UNLOCKED);
        assertThat(created.enabled()).isTrue();
        assertThat(read).isEqualTo(created.endpoint());
        assertThat(changed.eventTypes()).containsExactlyInAnyOrder(WebhookEventType.POINTS_CHANGED,
                WebhookEventType.POINTS_EXPIRING, WebhookEventType.STREAK_LOST);
        assertThat(changed.enabled()).isFalse();
        assertThat(changed.disabledAt()).isNotNull();
        assertThat(changed.description()).isEqualTo("tests");
        assertThat(game.admin.webhooks().list(1, null).items()).extracting(WebhookEndpoint::id).containsExactly(created.id());
        assertThat(game.admin.webhooks().listAll()).containsExactly(changed);

        game.admin.webhooks().delete(created.id());

        assertThatThrownBy(() -> game.admin.webhooks().get(created.id()))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
        assertThat(game.admin.webhooks().listAll()).isEmpty();
    }

    @Test
    void theDeliveryLogShowsTheAttemptAndAReplaySendsTheSameMessageAgain() {
        NewWebhookEndpoint endpoint = subscribeToUnlocks();
        Instant before = clock.instant().minusSeconds(1);
        game.event("ada", "steps", "1200");
        WebhookReceiver.Received first = message(1);
        String messageId = first.id();

        List<WebhookDelivery> log = await(() -> game.admin.webhooks().deliveries(endpoint.id(), 100, null), 1);
        int one = game.admin.webhooks().replay(endpoint.id(), messageId);
        WebhookReceiver.Received replayed = message(2);
        int range = game.admin.webhooks().replay(endpoint.id(), before, null);
        WebhookReceiver.Received again = message(3);

        assertThat(log).singleElement().satisfies(attempt -> {
            assertThat(attempt.messageId()).isEqualTo(messageId);
            assertThat(attempt.type()).isEqualTo(WebhookEventType.ACHIEVEMENT_UNLOCKED);
            assertThat(attempt.attempt()).isEqualTo(1);
            assertThat(attempt.status()).isEqualTo(WebhookDelivery.Status.SUCCEEDED);
            assertThat(attempt.httpStatus()).isEqualTo(200);
            assertThat(attempt.attemptedAt()).isNotNull();
            assertThat(attempt.nextAttemptAt()).isNull();
        });
        assertThat(one).isEqualTo(1);
        assertThat(range).isEqualTo(1);
        assertThat(replayed.id()).isEqualTo(messageId);
        assertThat(replayed.body()).isEqualTo(first.body());
        assertThat(again.id()).isEqualTo(messageId);
        assertThatCode(() -> Webhooks.verify(endpoint.secret(), replayed.headers(), replayed.bodyBytes()))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> game.admin.webhooks().replay(endpoint.id(), "msg_unknown"))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void aUrlThatIsNotHttpIsRefusedNamingTheField() {
        assertThatThrownBy(() -> game.admin.webhooks().create("ftp://example.com/hooks",
                List.of(WebhookEventType.POINTS_CHANGED), null))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("webhook_url_refused");
                    assertThat(e.field()).hasValue("url");
                });
    }

    @Test
    void anEndpointAnswering410IsDisabledWithANotice() {
        try (WebhookReceiver gone = WebhookReceiver.start()) {
            gone.respond(request -> WebhookReceiver.Reply.status(410));
            NewWebhookEndpoint endpoint = game.admin.webhooks().create(gone.url(),
                    List.of(WebhookEventType.ACHIEVEMENT_UNLOCKED), null);
            game.event("ada", "steps", "1200");
            gone.await(1);

            List<WebhookNotice> notices = await(() -> game.admin.webhooks().notices(100, null), 1);

            assertThat(notices).singleElement().satisfies(notice -> {
                assertThat(notice.id()).startsWith("whn_");
                assertThat(notice.type()).isEqualTo("webhook.endpoint_disabled");
                assertThat(notice.endpointId()).isEqualTo(endpoint.id());
                assertThat(notice.url()).isEqualTo(gone.url());
                assertThat(notice.reason()).isNotBlank();
            });
            WebhookEndpoint disabled = game.admin.webhooks().get(endpoint.id());
            assertThat(disabled.enabled()).isFalse();
            assertThat(disabled.disabledReason()).isEqualTo(notices.get(0).reason());
        }
    }

    /**
     * The first page {@code read} answers once it holds {@code count} items, or after {@link #WAIT}
     * (the server records an attempt after the receiver answered, a moment after the test saw it).
     */
    private static <T> List<T> await(Supplier<Page<T>> read, int count) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<T> items = read.get().items();
        while (items.size() < count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            items = read.get().items();
        }
        return items;
    }
}
