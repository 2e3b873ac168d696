package dev.ludus.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.config.TrustedProxies;
import dev.ludus.console.ConsoleClient;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestLudus;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed from a trusted proxy and ignored
 * from anyone else, for the audit log's address, the sign-in throttle's count per address, the
 * console's {@code Secure} cookies and {@code Strict-Transport-Security}. The tests connect from
 * 127.0.0.1: one server trusts it as a proxy, the other trusts only a range it is not in.
 */
class ForwardedHeadersTest {

    private static TestLudus behindProxy;
    private static TestLudus direct;

    @BeforeAll
    static void start() {
        behindProxy = TestLudus.start(Map.of(TrustedProxies.VARIABLE, "10.0.0.0/8, 127.0.0.1, ::1"));
        direct = TestLudus.start(Map.of(TrustedProxies.VARIABLE, "10.0.0.0/8"));
    }

    @AfterAll
    static void stop() {
        behindProxy.close();
        direct.close();
    }

    /** Creates a tenant with these headers and answers the address the audit log recorded for it. */
    private static String auditedAddress(TestLudus ludus, String... forwarded) {
        String[] headers = new String[forwarded.length + 2];
        System.arraycopy(TestLudus.operator(), 0, headers, 0, 2);
        System.arraycopy(forwarded, 0, headers, 2, forwarded.length);
        Http.Answer tenant = ludus.http().post("/admin/v1/tenants", "{\"name\":\"Forwarded\"}", headers);
        assertThat(tenant.status()).as(tenant.body()).isEqualTo(201);
        String id = tenant.json().path("id").asText();
        JsonNode entries = ludus.http().get("/admin/v1/audit?target_kind=tenant&target_id=" + id, TestLudus.operator())
                .json().path("items");
        assertThat(entries).hasSize(1);
        return entries.get(0).path("address").asText();
    }

    @Test
    void theAuditLogRecordsTheClientATrustedProxyReports() {
        assertThat(auditedAddress(behindProxy, "X-Forwarded-For", "203.0.113.7")).isEqualTo("203.0.113.7");
        // what the client wrote itself (left of the first untrusted hop) proves nothing
        assertThat(auditedAddress(behindProxy, "X-Forwarded-For", "198.51.100.1, 203.0.113.8")).isEqualTo("203.0.113.8");
        assertThat(auditedAddress(behindProxy, "X-Forwarded-For", "203.0.113.9, 10.1.2.3")).isEqualTo("203.0.113.9");
        assertThat(auditedAddress(behindProxy, "X-Forwarded-For", "[2001:db8::5]:4711")).isEqualTo("2001:db8:0:0:0:0:0:5");
        assertThat(auditedAddress(behindProxy, "X-Forwarded-For", "not-an-address")).isEqualTo("127.0.0.1");
        assertThat(auditedAddress(behindProxy)).as("no header: the proxy itself").isEqualTo("127.0.0.1");
    }

    @Test
    void fromAPeerThatIsNotTrustedTheHeadersAreIgnored() {
        assertThat(auditedAddress(direct, "X-Forwarded-For", "203.0.113.7")).isEqualTo("127.0.0.1");
        Http.Answer page = direct.http().unchecked().get("/console/sign-in", "X-Forwarded-Proto", "https");
        assertThat(page.header("Strict-Transport-Security")).isEmpty();
        assertThat(page.headers().allValues("Set-Cookie")).isNotEmpty().allSatisfy(cookie ->
                assertThat(cookie).doesNotContain("Secure"));
    }

    @Test
    void httpsReportedByATrustedProxyMakesCookiesSecureAndSendsHsts() {
        Http.Answer https = behindProxy.http().unchecked().get("/console/sign-in", "X-Forwarded-Proto", "https");
        assertThat(https.header("Strict-Transport-Security")).hasValue("max-age=31536000");
        assertThat(https.headers().allValues("Set-Cookie")).isNotEmpty().allSatisfy(cookie ->
                assertThat(cookie).contains("Secure", "HttpOnly"));
        Http.Answer http = behindProxy.http().unchecked().get("/console/sign-in", "X-Forwarded-Proto", "http");
        assertThat(http.header("Strict-Transport-Security")).isEmpty();
        assertThat(http.headers().allValues("Set-Cookie")).isNotEmpty().allSatisfy(cookie ->
                assertThat(cookie).doesNotContain("Secure"));
    }

    /** A failed sign-in with a new email each time, as if from {@code address}; answers the status. */
    private static int failedSignIn(TestLudus ludus, String address, int attempt) {
        ConsoleClient browser = new ConsoleClient(ludus);
        browser.get("/console/sign-in");
        return browser.postRaw("/console/sign-in", Map.of("_csrf", browser.csrf(), "email",
                "nobody" + attempt + "@example.com", "password", "wrong password"),
                Map.of("X-Forwarded-For", address)).status();
    }

    @Test
    void theSignInThrottleCountsPerForwardedAddressOnlyFromATrustedProxy() {
        int limit = dev.ludus.accounts.SignInThrottle.MAX_FAILURES_PER_ADDRESS;
        for (int i = 0; i < limit; i++) {
            assertThat(failedSignIn(behindProxy, "203.0.113.20", i)).isEqualTo(401);
        }
        assertThat(failedSignIn(behindProxy, "203.0.113.20", limit)).isEqualTo(429);
        assertThat(failedSignIn(behindProxy, "203.0.113.21", limit + 1)).as("another client behind the proxy").isEqualTo(401);

        for (int i = 0; i < limit; i++) {
            assertThat(failedSignIn(direct, "203.0.113.30", i)).isEqualTo(401);
        }
        assertThat(failedSignIn(direct, "203.0.113.31", limit)).as("a forged header does not escape the count")
                .isEqualTo(429);
    }
}
