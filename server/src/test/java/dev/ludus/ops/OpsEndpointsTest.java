package dev.ludus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health, metrics, request ids and the contract: what operators and tools read without a token. */
class OpsEndpointsTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    @Test
    void liveAndReadyAnswerWithoutAToken() {
        Http.Answer live = server.http().get("/health/live");
        assertThat(live.status()).isEqualTo(200);
        assertThat(live.json().path("status").asText()).isEqualTo("UP");

        Http.Answer ready = server.http().get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().path("checks").path("store").asText()).isEqualTo("UP");
    }

    @Test
    void metricsCountRequestsByRoutePatternAndStatus() {
        String token = server.ludus().createApp().tokenWith("read");
        server.http().get("/v1/auth/verify", Http.bearer(token));
        server.http().get("/admin/v1/tenants/ten_missing", TestLudus.operator());
        server.http().get("/v1/auth/verify");

        Http.Answer metrics = server.http().get("/metrics");

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(metrics.body())
                .containsPattern("http_server_requests_seconds_count\\{method=\"GET\",route=\"/v1/auth/verify\",status=\"200\"} [1-9]")
                .containsPattern("http_server_requests_seconds_count\\{method=\"GET\",route=\"/admin/v1/tenants/\\{tenant_id}\",status=\"404\"} [1-9]")
                .containsPattern("http_server_requests_seconds_count\\{method=\"GET\",route=\"unmatched\",status=\"401\"} [1-9]")
                .contains("http_server_requests_seconds_sum")
                .contains("jvm_memory_used_bytes");
    }

    @Test
    void echoesASaneRequestIdAndMakesOneOtherwise() {
        assertThat(server.http().get("/health/live", "X-Request-Id", "abc-123").header("X-Request-Id")).hasValue("abc-123");
        assertThat(server.http().get("/health/live").header("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
        assertThat(server.http().get("/health/live", "X-Request-Id", "bad id with spaces\t").header("X-Request-Id"))
                .hasValueSatisfying(id -> assertThat(id).doesNotContain(" "));
    }

    @Test
    void servesTheOpenApiContract() {
        Http.Answer answer = server.http().get("/openapi.yaml");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).hasValue("application/yaml");
        assertThat(answer.body()).startsWith("openapi: 3.");
    }

    @Test
    void portInUseStopsStartUpWithAMessageNamingTheSetting() throws Exception {
        try (java.net.ServerSocket busy = new java.net.ServerSocket(0)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> TestLudus.start(java.util.Map.of("LUDUS_PORT", Integer.toString(busy.getLocalPort()))))
                    .hasMessageContaining("LUDUS_PORT");
        }
    }

    @Test
    void unknownPathsAreProblemJson404() {
        Http.Answer answer = server.http().get("/nothing/here");
        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.error()).isEqualTo("not_found");
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
    }
}
