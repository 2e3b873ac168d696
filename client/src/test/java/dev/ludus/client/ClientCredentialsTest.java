package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code .clientCredentials(...)} against a real server: spec 003's token caching, done right. */
class ClientCredentialsTest {

    @RegisterExtension
    static final SharedServer shared = new SharedServer();
    private LudusServer.App app;
    private MovableClock clock;
    private LudusClient client;

    @BeforeEach
    void newApplication() {
        app = shared.server().createApp();
        clock = new MovableClock();
        client = LudusClient.builder().baseUrl(shared.server().baseUrl())
                .clientCredentials(app.clientId(), app.clientSecret()).clock(clock).build();
    }

    @Test
    void authenticatesWithAServerToken() {
        Verification verification = client.auth().verify();

        assertThat(verification.authenticated()).isTrue();
        assertThat(verification.method()).isEqualTo("auth_token");
        assertThat(verification.subject()).isEqualTo(app.clientId());
        assertThat(verification.applicationId()).isEqualTo(app.applicationId());
        assertThat(verification.scopes()).containsExactly("users:read", "users:write");
        assertThat(verification.tokenId()).startsWith("at_");
        assertThat(Duration.between(verification.issuedAt(), verification.expiresAt())).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void thousandCallsAskForOneToken() {
        long before = shared.server().tokenRequests();

        Set<String> tokenIds = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            tokenIds.add(client.auth().verify().tokenId());
        }

        assertThat(tokenIds).hasSize(1);
        assertThat(shared.server().tokenRequestsReaching(before + 1) - before).isEqualTo(1);
    }

    @Test
    void asksAgainWhenTheClockSaysTwentyNineMinutesAreLeft() {
        long base = shared.server().tokenRequests();
        Verification first = client.auth().verify();
        clock.set(first.expiresAt().minus(Duration.ofMinutes(31)));
        client.auth().verify();
        long before = shared.server().tokenRequestsReaching(base + 1);
        assertThat(before - base).as("31 minutes left: still cached").isEqualTo(1);

        clock.set(first.expiresAt().minus(Duration.ofMinutes(29)));
        for (int i = 0; i < 20; i++) {
            client.auth().verify();
        }

        // The server's clock is the real one, so it finds 8 hours left and answers the same token;
        // the client uses it and does not ask again on every call.
        assertThat(shared.server().tokenRequestsReaching(before + 1) - before).isEqualTo(1);
    }

    @Test
    void fiftyThreadsShareOneRefresh() throws Exception {
        long base = shared.server().tokenRequests();
        Verification first = client.auth().verify();
        clock.set(first.expiresAt().minus(Duration.ofMinutes(29)));
        long before = shared.server().tokenRequestsReaching(base + 1);

        int threads = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<String> subjects = ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    subjects.add(client.auth().verify().subject());
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(subjects).containsExactly(app.clientId());
        assertThat(shared.server().tokenRequestsReaching(before + 1) - before).isEqualTo(1);
    }

    @Test
    void fiftyThreadsShareTheFirstToken() throws Exception {
        long before = shared.server().tokenRequests();
        int threads = 50;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return client.auth().verify().tokenId();
                }));
            }
            start.countDown();
            Set<String> tokenIds = new java.util.HashSet<>();
            for (Future<String> call : calls) {
                tokenIds.add(call.get());
            }
            assertThat(tokenIds).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(shared.server().tokenRequestsReaching(before + 1) - before).isEqualTo(1);
    }

    @Test
    void retriesOnceWithANewTokenAfterTheCachedOneWasInvalidated() {
        long base = shared.server().tokenRequests();
        String firstTokenId = client.auth().verify().tokenId();
        long before = shared.server().tokenRequestsReaching(base + 1);
        // Another process invalidates the same token (the server hands the client's current token out).
        String token = shared.server().authToken(app).json().path("token").asText();
        assertThat(shared.server().send("DELETE", "/v1/auth_token", null, "Bearer " + token).status()).isEqualTo(204);
        long afterRaw = shared.server().tokenRequestsReaching(before + 1);

        Verification verification = client.auth().verify();

        assertThat(verification.method()).isEqualTo("auth_token");
        assertThat(verification.tokenId()).isNotEqualTo(firstTokenId);
        assertThat(shared.server().tokenRequestsReaching(afterRaw + 1) - afterRaw).isEqualTo(1);
    }

    @Test
    void invalidateTokenEndsTheTokenAndTheNextCallGetsANewOne() {
        String token = shared.server().authToken(app).json().path("token").asText();
        String firstTokenId = client.auth().verify().tokenId();

        client.invalidateToken();

        LudusServer.Answer old = shared.server().send("GET", "/v1/auth/verify", null, "Bearer " + token);
        assertThat(old.status()).isEqualTo(401);
        assertThat(old.json().path("error").asText()).isEqualTo("token_revoked");
        assertThat(client.auth().verify().tokenId()).isNotEqualTo(firstTokenId);
        client.invalidateToken();
        client.invalidateToken();                   // nothing cached: nothing to do
    }

    @Test
    void forbiddenCallMapsToInsufficientPermissions() {
        assertThatThrownBy(() -> client.application().get())
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("insufficient_permissions");
                    assertThat(e.title()).hasValue("Insufficient permissions");
                    assertThat(e.detail()).hasValueSatisfying(detail -> assertThat(detail).contains("admin"));
                    assertThat(e.requestId()).isPresent();
                    assertThat(e.problem()).hasValueSatisfying(body -> assertThat(body).contains("\"required_scope\""));
                });
    }

    @Test
    void wrongClientSecretMapsToInvalidClient() {
        LudusClient wrong = LudusClient.builder().baseUrl(shared.server().baseUrl())
                .clientCredentials(app.clientId(), "cs_wrong").build();

        assertThatThrownBy(() -> wrong.auth().verify())
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_client");
                    assertThat(e.requestId()).isPresent();
                });
    }

    @Test
    void adminClientScopesReachTheApplicationCalls() {
        shared.server().send("PATCH", "/admin/v1/applications/" + app.applicationId(),
                "{\"client_scopes\":[\"admin\"]}", "Bearer " + LudusServer.ADMIN_KEY);

        Application application = client.application().get();
        ClientSecretRotation rotation = client.application().rotateClientSecret(Duration.ofHours(1));

        assertThat(application.clientScopes()).containsExactly("admin");
        assertThat(rotation.clientSecret()).startsWith("cs_");
        assertThat(rotation.previousSecretExpiresAt()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        assertThat(rotation.toString()).doesNotContain(rotation.clientSecret());
    }
}
