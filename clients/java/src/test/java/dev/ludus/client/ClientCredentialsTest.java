package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.MutableClock;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code .clientCredentials(...)} against a real server: spec 003's token caching, done right. The
 * client talks through a {@link FaultyProxy} (without faults), which counts its token requests
 * exactly; requests the test makes itself go to the server directly. The client has a clock of its
 * own, which the tests move to near the token's expiry; the server's stands still.
 */
class ClientCredentialsTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private TestApp app;
    private MutableClock clock;
    private FaultyProxy proxy;
    private LudusClient client;

    @BeforeEach
    void newApplication() {
        app = shared.ludus().createApp();
        clock = new MutableClock(shared.ludus().clock().instant());
        proxy = new FaultyProxy(shared.ludus().baseUrl());
        client = LudusClient.builder().baseUrl(proxy.baseUrl())
                .clientCredentials(app.clientId(), app.clientSecret()).clock(clock).build();
    }

    @AfterEach
    void closeProxy() {
        proxy.close();
    }

    /** The {@code POST /v1/auth_token} the client has made so far. */
    private long tokenRequests() {
        return proxy.seen("/v1/auth_token").stream().filter(request -> request.method().equals("POST")).count();
    }

    /** {@code POST /v1/auth_token} with Basic, outside the client; the answer's token. */
    private String tokenOutsideTheClient() {
        Http.Answer answer = shared.http().send("POST", "/v1/auth_token", null, app.basic());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json().path("token").asText();
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
        Set<String> tokenIds = new java.util.HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            tokenIds.add(client.auth().verify().tokenId());
        }

        assertThat(tokenIds).hasSize(1);
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void asksAgainWhenTheClockSaysTwentyNineMinutesAreLeft() {
        Verification first = client.auth().verify();
        clock.advanceTo(first.expiresAt().minus(Duration.ofMinutes(31)));
        client.auth().verify();
        assertThat(tokenRequests()).as("31 minutes left: still cached").isEqualTo(1);

        clock.advanceTo(first.expiresAt().minus(Duration.ofMinutes(29)));
        for (int i = 0; i < 20; i++) {
            client.auth().verify();
        }

        // The server's clock has not moved, so it finds 8 hours left and answers the same token;
        // the client asks once more and uses it, and does not ask again on every call.
        assertThat(tokenRequests()).isEqualTo(2);
    }

    @Test
    void fiftyThreadsShareOneRefresh() throws Exception {
        Verification first = client.auth().verify();
        clock.advanceTo(first.expiresAt().minus(Duration.ofMinutes(29)));

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
        assertThat(tokenRequests()).as("the first and one refresh").isEqualTo(2);
    }

    @Test
    void fiftyThreadsShareTheFirstToken() throws Exception {
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
        assertThat(tokenRequests()).isEqualTo(1);
    }

    @Test
    void retriesOnceWithANewTokenAfterTheCachedOneWasInvalidated() {
        String firstTokenId = client.auth().verify().tokenId();
        // Another process invalidates the same token (the server hands the client's current token out).
        String token = tokenOutsideTheClient();
        assertThat(shared.http().send("DELETE", "/v1/auth_token", null, Http.bearer(token)).status()).isEqualTo(204);

        Verification verification = client.auth().verify();

        assertThat(verification.method()).isEqualTo("auth_token");
        assertThat(verification.tokenId()).isNotEqualTo(firstTokenId);
        assertThat(tokenRequests()).as("the first and one after the refusal").isEqualTo(2);
    }

    @Test
    void invalidateTokenEndsTheTokenAndTheNextCallGetsANewOne() {
        String token = tokenOutsideTheClient();
        String firstTokenId = client.auth().verify().tokenId();

        client.invalidateToken();

        Http.Answer old = shared.http().get("/v1/auth/verify", Http.bearer(token));
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
        LudusClient wrong = LudusClient.builder().baseUrl(shared.ludus().baseUrl())
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
        Http.Answer scoped = shared.http().patch("/admin/v1/applications/" + app.applicationId(),
                "{\"client_scopes\":[\"admin\"]}", TestLudus.operator());
        assertThat(scoped.status()).as(scoped.body()).isEqualTo(200);

        Application application = client.application().get();
        ClientSecretRotation rotation = client.application().rotateClientSecret(Duration.ofHours(1));

        assertThat(application.clientScopes()).containsExactly("admin");
        assertThat(rotation.clientSecret()).startsWith("cs_");
        assertThat(rotation.previousSecretExpiresAt()).isEqualTo(shared.ludus().clock().instant().plus(Duration.ofHours(1)));
        assertThat(rotation.toString()).doesNotContain(rotation.clientSecret());
    }
}
