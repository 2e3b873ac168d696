package dev.ludus.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of change made by hand through the API leaves one entry in the audit log, with who made
 * it, when, from where and what, and never a secret; a change that changes nothing leaves none.
 */
class AuditTrailTest {

    private TestLudus ludus;
    private Http http;
    private TestApp app;
    private String[] admin;

    @BeforeEach
    void start() {
        ludus = TestLudus.start(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));
        http = ludus.http();
        app = ludus.createApp();
        admin = Http.bearer(app.token().subject("ops-bot").scopes("admin").build());
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private List<JsonNode> ownEntries() {
        Http.Answer answer = http.get("/v1/audit?limit=100", admin);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        answer.json().path("items").forEach(entries::add);
        return entries;
    }

    private JsonNode latest(String action) {
        return ownEntries().stream().filter(entry -> entry.path("action").asText().equals(action)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " entry in " + ownEntries()));
    }

    private static void assertLoopback(JsonNode entry) {
        try {
            assertThat(InetAddress.getByName(entry.path("address").asText()).isLoopbackAddress()).as(entry.toString())
                    .isTrue();
        } catch (UnknownHostException e) {
            throw new AssertionError(entry.toString(), e);
        }
    }

    private void assertByTheApiPrincipal(JsonNode entry) {
        assertThat(entry.path("actor").path("kind").asText()).isEqualTo("api");
        assertThat(entry.path("actor").path("application_id").asText()).isEqualTo(app.applicationId());
        assertThat(entry.path("actor").path("subject").asText()).isEqualTo("ops-bot");
        assertThat(entry.path("actor").path("auth_method").asText()).isEqualTo("jwt");
        assertThat(entry.path("application_id").asText()).isEqualTo(app.applicationId());
        assertThat(entry.path("tenant_id").asText()).isEqualTo(app.tenantId());
        assertLoopback(entry);
    }

    @Test
    void aRuleChangeIsRecordedWithWhoWhenWhereAndWhat() {
        Instant now = ludus.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        assertThat(http.send("PUT", "/v1/metrics/steps", "{}", admin).status()).isEqualTo(201);
        JsonNode entry = latest("rule.put");
        assertByTheApiPrincipal(entry);
        assertThat(Instant.parse(entry.path("occurred_at").asText())).isEqualTo(now);
        assertThat(entry.path("target").path("kind").asText()).isEqualTo("metric");
        assertThat(entry.path("target").path("id").asText()).isEqualTo("steps");
        assertThat(entry.path("summary").asText()).isEqualTo("created metric 'steps'");

        assertThat(http.send("PUT", "/v1/metrics/steps", "{\"name\":\"Steps\"}", admin).status()).isEqualTo(200);
        assertThat(latest("rule.put").path("summary").asText()).isEqualTo("changed metric 'steps'");
        assertThat(http.send("DELETE", "/v1/metrics/steps", null, admin).status()).isEqualTo(204);
        JsonNode archived = latest("rule.archived");
        assertByTheApiPrincipal(archived);
        assertThat(archived.path("summary").asText()).isEqualTo("archived metric 'steps'");
        assertThat(http.send("PUT", "/v1/metrics/steps", "{\"name\":\"Steps\"}", admin).status()).isEqualTo(201);
        assertThat(latest("rule.put").path("summary").asText()).isEqualTo("restored metric 'steps'");
    }

    @Test
    void changesToAUsersStateByHandAreRecordedAndReplaysAreNot() {
        String[] service = Http.bearer(app.token().subject("ops-bot").scopes("admin", "users:write").build());
        http.send("PUT", "/v1/metrics/steps", "{}", admin);
        http.send("PUT", "/v1/points/xp", "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}",
                admin);
        http.send("PUT", "/v1/achievements/bonus", "{\"trigger\":{\"type\":\"api\"}}", admin);
        http.send("PUT", "/v1/streaks/walk", """
                {"period":"daily","conditions":[{"metric":"steps","threshold":1}],"freezes":{"initial":0,"max":3}}""",
                admin);

        String adjust = "{\"amount\":25,\"reason\":\"support ticket 42\"}";
        String[] keyed = java.util.stream.Stream.concat(java.util.Arrays.stream(service),
                java.util.stream.Stream.of("Idempotency-Key", "k1")).toArray(String[]::new);
        assertThat(http.post("/v1/users/alice/points/xp/adjust", adjust, keyed).status())
                .isEqualTo(200);
        assertThat(http.post("/v1/users/alice/points/xp/adjust", adjust, keyed).status())
                .as("a replay").isEqualTo(200);
        assertThat(http.post("/v1/users/alice/achievements/bonus/complete", "", service).status()).isEqualTo(200);
        assertThat(http.post("/v1/users/alice/achievements/bonus/complete", "", service).status())
                .as("already unlocked: nothing changes").isEqualTo(200);
        assertThat(http.post("/v1/users/alice/streaks/walk/freezes", "{\"count\":2}", service).status())
                .isEqualTo(200);
        assertThat(http.send("DELETE", "/v1/users/alice", null, service).status()).isEqualTo(204);

        assertThat(ownEntries()).extracting(entry -> entry.path("action").asText()).startsWith("user.deleted",
                "streak.freezes_granted", "achievement.completed", "points.adjusted", "rule.put");
        JsonNode adjusted = latest("points.adjusted");
        assertByTheApiPrincipal(adjusted);
        assertThat(adjusted.path("target").path("kind").asText()).isEqualTo("user");
        assertThat(adjusted.path("target").path("id").asText()).isEqualTo("alice");
        assertThat(adjusted.path("summary").asText()).contains("granted 25", "'xp'", "support ticket 42");
        assertThat(latest("streak.freezes_granted").path("summary").asText()).contains("granted 2", "'walk'");
        assertThat(latest("user.deleted").path("target").path("id").asText()).isEqualTo("alice");
    }

    @Test
    void aChangeThatChangesNothingOrIsRefusedLeavesNoEntry() {
        http.send("PUT", "/v1/metrics/steps", "{}", admin);
        http.send("PUT", "/v1/metrics/steps", "{}", admin);
        assertThat(http.send("PUT", "/v1/points/xp", "{\"triggers\":[{\"metric\":\"nope\"}]}", admin)
                .status()).isEqualTo(400);
        http.patch("/v1/application", "{\"name\":\"App\"}", admin);
        assertThat(http.send("PUT", "/v1/metrics/distance?dry_run=true", "{}", admin).status()).isEqualTo(200);
        assertThat(ownEntries()).extracting(entry -> entry.path("action").asText())
                .containsExactly("rule.put", "application.created");
    }

    @Test
    void applicationSettingsAndSecretsAreRecordedWithoutTheSecrets() {
        assertThat(http.patch("/v1/application", "{\"max_token_lifetime_seconds\":7200,\"timezone\":\"Europe/Paris\"}",
                admin).status()).isEqualTo(200);
        JsonNode updated = latest("application.updated");
        assertByTheApiPrincipal(updated);
        assertThat(updated.path("summary").asText())
                .isEqualTo("changed max_token_lifetime_seconds to 7200, timezone to Europe/Paris");

        String apiSecret = http.post("/v1/application/secret/rotate", "{\"grace_seconds\":60}", admin).json()
                .path("api_secret").asText();
        assertThat(latest("application.secret_rotated").path("summary").asText()).startsWith("rotated the API secret");
        String clientSecret = http.post("/v1/application/client_secret/rotate", "{\"grace_seconds\":0}",
                Http.bearer(app.token().secret(apiSecret).subject("ops-bot").scopes("admin").build())).json()
                .path("client_secret").asText();
        assertThat(latest("application.client_secret_refreshed").path("summary").asText())
                .contains("emergency").contains("server tokens were revoked");

        Http.Answer operatorView = http.get("/admin/v1/audit?application_id=" + app.applicationId(), TestLudus.operator());
        assertThat(operatorView.body()).contains("application.created", "application.updated")
                .doesNotContain(app.apiSecret(), app.clientSecret(), apiSecret, clientSecret);
        assertThat(apiSecret).startsWith("sk_");
        assertThat(clientSecret).startsWith("cs_");
    }

    @Test
    void operatorChangesAreRecordedAsTheOperator() {
        http.post("/admin/v1/applications/" + app.applicationId() + "/secret/rotate", "{\"grace_seconds\":0}",
                TestLudus.operator());
        http.post("/admin/v1/signing_keys/rotate", "{}", TestLudus.operator());
        Http.Answer answer = http.get("/admin/v1/audit", TestLudus.operator());
        assertThat(answer.status()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        answer.json().path("items").forEach(entries::add);
        assertThat(entries).extracting(entry -> entry.path("action").asText()).containsExactly(
                "signing_key.rotated", "application.secret_refreshed", "application.created", "tenant.created");
        for (JsonNode entry : entries) {
            assertThat(entry.path("actor").path("kind").asText()).isEqualTo("operator");
            assertThat(entry.path("actor").path("auth_method").asText()).isEqualTo("operator_key");
            assertThat(entry.path("actor").path("subject").isNull()).isTrue();
            assertLoopback(entry);
        }
        JsonNode signing = entries.getFirst();
        assertThat(signing.path("tenant_id").isNull()).isTrue();
        assertThat(signing.path("application_id").isNull()).isTrue();
        assertThat(signing.path("target").path("id").asText()).startsWith("lk_");
        assertThat(entries.get(2).path("tenant_id").asText()).isEqualTo(app.tenantId());
        assertThat(entries.get(3).path("target").path("id").asText()).isEqualTo(app.tenantId());
        assertThat(answer.body()).doesNotContain(TestLudus.ADMIN_KEY, app.apiSecret());
    }

    @Test
    void ecdsaKeysAndRevocationsAreRecorded() {
        String address = "0x" + "ab".repeat(20);
        assertThat(http.post("/v1/application/ecdsa_keys", "{\"address\":\"" + address + "\"}", admin).status())
                .isEqualTo(201);
        assertThat(latest("ecdsa_key.added").path("target").path("id").asText()).isEqualTo(address);
        assertThat(http.send("DELETE", "/v1/application/ecdsa_keys/" + address, null, admin).status()).isEqualTo(204);
        assertByTheApiPrincipal(latest("ecdsa_key.removed"));

        String revoked = app.token().jti("jti-1").build();
        assertThat(http.post("/v1/auth/revocations", "{\"token\":\"" + revoked + "\"}", admin).status()).isEqualTo(200);
        assertThat(latest("token.revoked").path("target").path("id").asText()).isEqualTo("jti-1");
        http.post("/v1/auth/revocations", "{\"subject\":\"alice\"}", admin);
        assertThat(latest("subject.revoked").path("summary").asText()).startsWith("revoked every token of subject 'alice'");
        assertThat(ownEntries().toString()).doesNotContain(revoked);
        assertThat(http.post("/v1/auth/revocations", "{\"all\":true}", admin).status()).isEqualTo(200);
        // the admin token is revoked too now: the operator reads the entry
        JsonNode all = http.get("/admin/v1/audit?action=application.tokens_revoked", TestLudus.operator()).json()
                .path("items").get(0);
        assertByTheApiPrincipal(all);
        assertThat(all.path("target").path("id").asText()).isEqualTo(app.applicationId());
    }

    @Test
    void webhookChangesAreRecordedWithoutTheSecretOrTheUrlsPath() {
        Http.Answer created = http.post("/v1/webhooks",
                "{\"url\":\"http://127.0.0.1:9/hooks/T0001/s3cr3tpath\",\"event_types\":[\"points.changed\"]}", admin);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().path("id").asText();
        JsonNode entry = latest("webhook.created");
        assertByTheApiPrincipal(entry);
        assertThat(entry.path("target").path("kind").asText()).isEqualTo("webhook_endpoint");
        assertThat(entry.path("summary").asText()).isEqualTo("created an endpoint at http://127.0.0.1:9 for points.changed");

        http.patch("/v1/webhooks/" + id, "{\"enabled\":false}", admin);
        assertThat(latest("webhook.updated").path("summary").asText()).isEqualTo("changed enabled to false");
        String secret = http.post("/v1/webhooks/" + id + "/secret/rotate", "{}", admin).json().path("secret").asText();
        assertThat(latest("webhook.secret_rotated").path("target").path("id").asText()).isEqualTo(id);
        assertThat(http.send("DELETE", "/v1/webhooks/" + id, null, admin).status()).isEqualTo(204);
        assertThat(latest("webhook.deleted").path("target").path("id").asText()).isEqualTo(id);

        String all = ownEntries().toString();
        assertThat(all).doesNotContain(created.json().path("secret").asText(), secret, "s3cr3tpath");
    }
}
