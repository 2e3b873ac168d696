package dev.ludus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.RawHttp;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Requests the web server refuses before any route sees them still answer problem+json with the
 * right status, an {@code error} code and a request id. Sent over raw sockets, since no decent client
 * sends them.
 */
class ProtocolErrorTest {

    private static TestLudus server;

    @BeforeAll
    static void start() {
        server = TestLudus.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static RawHttp.Answer send(String request) {
        try (RawHttp client = RawHttp.connect(server.ludus().port())) {
            return client.send(request).read();
        }
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String error) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.header("X-Request-Id")).isPresent().get().asString().isNotBlank();
        JsonNode body = answer.json();
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("error").asText()).isEqualTo(error);
        assertThat(body.path("type").asText()).startsWith("https://ludus.dev/problems/");
        assertThat(body.path("title").asText()).isNotBlank();
        assertThat(body.path("detail").asText()).isNotBlank();
    }

    @Test
    void headersOverTheLimitAnswer431() {
        assertProblem(send("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20 * 1024)
                + "\r\n\r\n"), 431, "headers_too_large");
    }

    @Test
    void uriOverTheLimitAnswers414() {
        assertProblem(send("GET /health/live?q=" + "a".repeat(5 * 1024) + " HTTP/1.1\r\nHost: localhost\r\n\r\n"),
                414, "uri_too_long");
    }

    @Test
    void badPercentEncodingInTheQueryAnswers400() {
        assertProblem(send("GET /v1/leaderboards/x?limit=%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400,
                "invalid_request");
    }

    @Test
    void badPercentEncodingInThePathAnswers400() {
        assertProblem(send("GET /v1/users/%zz HTTP/1.1\r\nHost: localhost\r\n\r\n"), 400, "invalid_request");
    }

    @Test
    void unreadableContentLengthAnswers400() {
        assertProblem(send("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: abc\r\n\r\n{}"), 400, "invalid_request");
    }

    @Test
    void conflictingContentLengthsAnswer400() {
        assertProblem(send("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2\r\nContent-Length: 3\r\n\r\n{}"), 400, "invalid_request");
    }

    @Test
    void bodyOverTheWebServersLimitAnswers413() {
        assertProblem(send("POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (100L * 1024 * 1024) + "\r\n\r\n{}"), 413, "payload_too_large");
    }

    @Test
    void headersOverTheWebServersOwnLimitAnswer400() {
        assertProblem(send("GET /health/live HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(80 * 1024)
                + "\r\n\r\n"), 400, "invalid_request");
    }

    @Test
    void badChunkSizeAnswers400() {
        assertProblem(send("POST /admin/v1/tenants HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Authorization: Bearer " + TestLudus.ADMIN_KEY + "\r\n"
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n"), 400, "invalid_request");
    }

    @Test
    void http10RequestIsServedOrRefusedWithProblem() {
        RawHttp.Answer answer = send("GET /health/live HTTP/1.0\r\nHost: localhost\r\n\r\n");
        if (answer.status() == 505) {
            assertProblem(answer, 505, "http_version_not_supported");
        } else {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            assertThat(answer.json().path("status").asText()).isEqualTo("UP");
        }
    }
}
