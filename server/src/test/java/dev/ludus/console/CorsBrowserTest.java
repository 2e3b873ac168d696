package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;

/**
 * A product's page, served from another port than Ludus, reads its user's progress with the user's token in real
 * Chromium when the application lists the page's origin in {@code cors_origins}; the same page from an
 * origin the application does not list cannot read it (the browser's {@code fetch} fails).
 */
class CorsBrowserTest {

    /** A product page: reads the Ludus address, the token and the user from its fragment, shows the progress. */
    private static final String PAGE = """
            <!doctype html><html><head><meta charset="utf-8"><title>Progress</title></head><body>
            <p id="result">loading</p>
            <script>
            const params = new URLSearchParams(location.hash.substring(1));
            fetch(params.get('ludus') + '/v1/users/' + params.get('user') + '/progress',
                  {headers: {Authorization: 'Bearer ' + params.get('token')}})
              .then(answer => answer.json())
              .then(progress => { document.getElementById('result').textContent =
                  'steps: ' + progress.metrics[0].total; })
              .catch(error => { document.getElementById('result').textContent = 'failed: ' + error.name; });
            </script></body></html>
            """;

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private static HttpServer pages;

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(() -> "http://127.0.0.1:" + pages.getAddress().getPort());

    private static TestApp app;

    @BeforeAll
    static void productPageAndApplication() throws IOException {
        pages = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pages.createContext("/progress.html", exchange -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        pages.createContext("/favicon.ico", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        pages.start();
        app = server.ludus().createApp();
        new GameSetup(server.http(), app).metric("steps");
        Http.Answer event = server.http().post("/v1/events", "{\"metric\":\"steps\",\"user_id\":\"user_123\",\"value\":42}",
                Http.bearer(app.tokenWith("users:write")));
        assertThat(event.status()).as(event.body()).isEqualTo(201);
        Http.Answer patched = server.http().patch("/admin/v1/applications/" + app.applicationId(),
                "{\"cors_origins\": [\"http://127.0.0.1:" + pages.getAddress().getPort() + "\"]}", TestLudus.operator());
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
    }

    @AfterAll
    static void stopPages() {
        pages.stop(0);
    }

    private static String fragment() {
        return "#ludus=" + server.ludus().baseUrl() + "&user=user_123&token=" + app.tokenWith("read");
    }

    @Test
    void aPageOfAnAllowedOriginReadsTheProgress(Browser browser) {
        browser.open("/progress.html" + fragment());
        assertThat(browser.waitForText(By.id("result"), "steps: ").getText()).isEqualTo("steps: 42");
    }

    @Test
    void aPageOfAnotherOriginCannotReadIt(Browser browser) {
        browser.console().allowErrors("CORS policy");
        browser.console().allowErrors("Failed to fetch");
        browser.console().allowErrors("net::ERR_FAILED");
        // localhost is another origin than 127.0.0.1, though the same server serves the page
        browser.driver().get("http://localhost:" + pages.getAddress().getPort() + "/progress.html" + fragment());
        assertThat(browser.waitForText(By.id("result"), "failed").getText()).isEqualTo("failed: TypeError");
    }
}
