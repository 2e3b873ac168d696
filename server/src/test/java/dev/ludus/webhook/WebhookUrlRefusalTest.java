package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.net.InetAddress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SSRF: without LUDUS_WEBHOOK_ALLOW_PRIVATE, URLs that reach the server's own networks are refused. */
class WebhookUrlRefusalTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;

    @BeforeEach
    void createApp() {
        app = server.ludus().createApp();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hook", "http://10.0.0.1/hook", "http://169.254.169.254/latest/meta-data",
            "http://[::1]:8080/hook", "http://localhost:8080/hook", "http://[::ffff:127.0.0.1]/hook",
            "http://192.168.1.10/hook", "http://172.16.0.1/hook", "http://100.64.0.1/hook", "http://0.0.0.0/hook",
            "http://[fd00::1]/hook", "http://[fe80::1]/hook", "ftp://93.184.215.14/hook",
            "https://user:pass@93.184.215.14/hook", "not a url"})
    void refusesUrlsThatReachPrivateNetworksOrAreNotPlainHttp(String url) {
        Http.Answer answer = server.http().post("/v1/webhooks", "{\"url\":\"" + url
                + "\",\"event_types\":[\"points.changed\"]}", Http.bearer(app.tokenWith("admin")));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.error()).isEqualTo("webhook_url_refused");
        assertThat(answer.json().path("field").asText()).isEqualTo("url");
        assertThat(answer.json().path("reason").asText()).isNotEmpty();
    }

    @Test
    void acceptsAPublicAddressAndRefusesAPrivateOneOnChange() {
        Http.Answer created = server.http().post("/v1/webhooks",
                "{\"url\":\"https://93.184.215.14/hook\",\"event_types\":[\"points.changed\"]}",
                Http.bearer(app.tokenWith("admin")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Http.Answer patched = server.http().patch("/v1/webhooks/" + created.json().path("id").asText(),
                "{\"url\":\"http://169.254.169.254/\"}", Http.bearer(app.tokenWith("admin")));
        assertThat(patched.status()).isEqualTo(400);
        assertThat(patched.error()).isEqualTo("webhook_url_refused");
    }

    @Test
    void classifiesAddressesWithoutResolving() throws Exception {
        assertThat(UrlGuard.forbidden(InetAddress.getByName("100.127.255.255"))).hasValue("shared (carrier-grade NAT)");
        assertThat(UrlGuard.forbidden(InetAddress.getByName("100.128.0.1"))).isEmpty();
        assertThat(UrlGuard.forbidden(InetAddress.getByName("172.32.0.1"))).isEmpty();
        assertThat(UrlGuard.forbidden(InetAddress.getByName("fc00::1"))).hasValue("private (unique local)");
        assertThat(UrlGuard.forbidden(InetAddress.getByName("224.0.0.1"))).hasValue("multicast");
        assertThat(UrlGuard.forbidden(InetAddress.getByName("2606:4700::1111"))).isEmpty();
    }
}
