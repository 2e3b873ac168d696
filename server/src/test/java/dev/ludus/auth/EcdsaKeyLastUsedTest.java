package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.LegacySigner;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * When each legacy ECDSA key last signed an accepted request, as the key list answers it, over real
 * HTTP on SQLite and PostgreSQL: noted in memory, written by the figures' flush (a node flushes its own
 * before it lists keys, and when it stops), only ever moved forward.
 */
class EcdsaKeyLastUsedTest {

    private TestLudus ludus;
    private TestApp app;
    private LegacySigner signer;
    private LegacySigner idle;

    @BeforeEach
    void start() {
        ludus = TestLudus.start();
        app = ludus.createApp();
        signer = LegacySigner.random();
        idle = LegacySigner.random();
        register(signer);
        register(idle);
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private void register(LegacySigner key) {
        Http.Answer answer = ludus.http().post("/v1/application/ecdsa_keys", "{\"address\":\"" + key.address() + "\"}",
                Http.bearer(app.tokenWith("admin")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
        assertThat(answer.json().path("last_used_at").isNull()).as("a new key never signed").isTrue();
    }

    /** A signed GET /v1/auth/verify on {@code node}, timestamped by the server's clock. */
    private Http.Answer verify(TestLudus node, LegacySigner by) {
        return node.http().get("/v1/auth/verify", by.headers(app.applicationId(), "/v1/auth/verify", now()));
    }

    private long now() {
        return ludus.clock().instant().getEpochSecond();
    }

    /** Address -> {@code last_used_at} as the node's key list answers it (null for JSON null). */
    private static Map<String, String> lastUsed(TestLudus node, TestApp app) {
        Http.Answer answer = node.http().get("/v1/application/ecdsa_keys", Http.bearer(app.tokenWith("admin")));
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        Map<String, String> lastUsed = new HashMap<>();
        for (JsonNode key : answer.json().path("items")) {
            lastUsed.put(key.path("address").asText(), key.path("last_used_at").isNull() ? null
                    : key.path("last_used_at").asText());
        }
        return lastUsed;
    }

    /** The application's {@code ecdsa_last_used_at} as the node answers it: its keys' latest use. */
    private static String applicationLastUsed(TestLudus node, TestApp app) {
        return node.http().get("/v1/application", Http.bearer(app.tokenWith("admin"))).json()
                .path("ecdsa_last_used_at").asText("null");
    }

    @Test
    void theKeyListShowsWhenEachKeyLastSignedAnAcceptedRequest() {
        ludus.clock().advance(Duration.ofMinutes(5));
        Instant signedAt = ludus.clock().instant();
        assertThat(verify(ludus, signer).status()).isEqualTo(200);
        ludus.clock().advance(Duration.ofSeconds(30));

        Map<String, String> lastUsed = lastUsed(ludus, app);
        assertThat(lastUsed.get(signer.address())).isEqualTo(signedAt.toString());
        assertThat(lastUsed).containsEntry(idle.address(), null);
        JsonNode operator = ludus.http().get("/admin/v1/applications/" + app.applicationId() + "/ecdsa_keys",
                TestLudus.operator()).json();
        assertThat(operator.findValuesAsText("last_used_at")).containsExactlyInAnyOrder(signedAt.toString(), "null");
    }

    @Test
    void aLaterRequestMovesItForward() {
        assertThat(verify(ludus, signer).status()).isEqualTo(200);
        lastUsed(ludus, app);
        ludus.clock().advance(Duration.ofMinutes(1));
        assertThat(verify(ludus, signer).status()).isEqualTo(200);

        assertThat(lastUsed(ludus, app).get(signer.address())).isEqualTo(ludus.clock().instant().toString());
        ludus.clock().advance(Duration.ofSeconds(5));
        assertThat(verify(ludus, idle).status()).isEqualTo(200);
        assertThat(applicationLastUsed(ludus, app)).as("the latest of its keys' uses")
                .isEqualTo(ludus.clock().instant().toString());
    }

    @Test
    void refusedRequestsNeverMoveIt() {
        String[] replayed = signer.headers(app.applicationId(), "/v1/auth/verify", now());
        assertThat(ludus.http().get("/v1/auth/verify", replayed).status()).isEqualTo(200);
        String accepted = ludus.clock().instant().toString();
        assertThat(lastUsed(ludus, app).get(signer.address())).isEqualTo(accepted);
        ludus.clock().advance(Duration.ofMinutes(1));

        assertThat(ludus.http().get("/v1/auth/verify", replayed).error()).isEqualTo("replayed_request");
        for (LegacySigner key : new LegacySigner[] {signer, idle}) {
            String[] stale = key.headers(app.applicationId(), "/v1/auth/verify", now() - 301);
            assertThat(ludus.http().get("/v1/auth/verify", stale).error()).isEqualTo("request_expired");
            String[] elsewhere = key.headers(app.applicationId(), "/v1/application", now());
            assertThat(ludus.http().get("/v1/auth/verify", elsewhere).error()).isEqualTo("invalid_signature");
        }
        ludus.http().patch("/v1/application", "{\"ecdsa_enabled\":false}", Http.bearer(app.tokenWith("admin")));
        assertThat(verify(ludus, idle).error()).isEqualTo("method_disabled");
        assertThat(verify(ludus, signer).error()).isEqualTo("method_disabled");

        Map<String, String> lastUsed = lastUsed(ludus, app);
        assertThat(lastUsed.get(signer.address())).isEqualTo(accepted);
        assertThat(lastUsed).containsEntry(idle.address(), null);
    }

    @Test
    void aStoppingNodeWritesWhatItNoted() {
        assertThat(verify(ludus, signer).status()).isEqualTo(200);
        String signedAt = ludus.clock().instant().toString();

        ludus.restart(); // the new server has noted nothing: what it lists is what the first one wrote
        assertThat(lastUsed(ludus, app).get(signer.address())).isEqualTo(signedAt);
        assertThat(applicationLastUsed(ludus, app)).isEqualTo(signedAt);
    }

    @Test
    void twoNodesOnOneStoreKeepTheLatestUse() {
        assumeThat(TestStore.postgresql()).as("nodes share a store only on PostgreSQL").isTrue();
        TestLudus other = ludus.secondNode();
        try {
            Instant early = ludus.clock().instant();
            assertThat(verify(ludus, signer).status()).isEqualTo(200);      // noted on the first node only
            ludus.clock().advance(Duration.ofMinutes(2));
            Instant late = ludus.clock().instant();
            assertThat(verify(other, signer).status()).isEqualTo(200);

            assertThat(lastUsed(other, app).get(signer.address())).as("the second node's own use")
                    .isEqualTo(late.toString());
            assertThat(lastUsed(ludus, app).get(signer.address()))
                    .as("the first node writes its earlier use (%s) last, and the later one stays", early)
                    .isEqualTo(late.toString());
            assertThat(applicationLastUsed(ludus, app)).isEqualTo(late.toString());
            assertThat(applicationLastUsed(other, app)).isEqualTo(late.toString());
        } finally {
            other.stop();
        }
    }
}
