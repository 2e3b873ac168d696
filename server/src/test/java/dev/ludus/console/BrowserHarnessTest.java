package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;

/**
 * The harness itself, on a small site of its own (a JDK HTTP server with {@code default-src 'self'}):
 * a form filled and sent in real Chromium, a script from a file that the policy lets run, and an
 * inline script and a script error that the console check catches.
 */
class BrowserHarnessTest {

    private static final String POLICY = "default-src 'self'";
    private static HttpServer site;

    @RegisterExtension
    static final BrowserTests browsers = new BrowserTests(() -> "http://127.0.0.1:" + site.getAddress().getPort());

    @BeforeAll
    static void startSite() throws IOException {
        site = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        site.createContext("/", BrowserHarnessTest::answer);
        site.start();
    }

    @AfterAll
    static void stopSite() {
        site.stop(0);
    }

    @Test
    void fillsAFormSendsItAndSeesTheAnswer(Browser browser) throws IOException {
        browser.open("/form");
        browser.waitForText(By.id("status"), "script ran");    // the script file runs under the policy

        browser.fill("name", "Ada <b>Lovelace</b>");
        browser.clickButton("Greet");

        assertThat(browser.waitForText(By.id("greeting"), "Hello").getText()).isEqualTo("Hello, Ada <b>Lovelace</b>!");
        assertThat(browser.path()).isEqualTo("/greet");
        assertThat(browser.title()).isEqualTo("Greeted");
        Path shot = browser.screenshotTo(Places.repositoryRoot().resolve("server/target/browser-harness/greeting.png"));
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getWidth()).isEqualTo(Browser.WIDTH);
        assertThat(image.getHeight()).isEqualTo(Browser.HEIGHT);
        assertThat(browser.console().errors()).isEmpty();
    }

    @Test
    void reportsAnInlineScriptThatThePolicyRefused(Browser browser) {
        browser.open("/inline");

        LogEntry violation = browser.console().awaitError("Content Security Policy");
        assertThat(violation.getMessage()).contains("inline script", "violates", "default-src 'self'");
        assertThat(browser.text("#status")).isEqualTo("inline script blocked");
        assertThatThrownBy(() -> browser.console().assertClean())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Content Security Policy directive 'default-src 'self''");

        browser.console().allowErrors("Content Security Policy");    // else the extension fails this test
        browser.console().assertClean();
    }

    @Test
    void reportsAnUncaughtScriptError(Browser browser) {
        browser.open("/broken");

        assertThat(browser.console().awaitError("Uncaught").getMessage()).contains("notDefinedAnywhere");
        assertThatThrownBy(() -> browser.console().assertClean()).hasMessageContaining("notDefinedAnywhere");
        browser.console().allowErrors("notDefinedAnywhere");
    }

    private static final Map<String, String> PAGES = Map.of(
            "/form", page("Greeter", """
                    <script src="/greeter.js" defer></script>
                    <p id="status">script not run</p>
                    <form method="post" action="/greet">
                      <label>Name <input name="name" autocomplete="off"></label>
                      <button type="submit">Greet</button>
                    </form>"""),
            "/greeter.js", "document.getElementById('status').textContent = 'script ran';\n",
            "/inline", page("Inline", """
                    <p id="status">inline script blocked</p>
                    <script>document.getElementById('status').textContent = 'inline script ran';</script>"""),
            "/broken", page("Broken", "<script src=\"/broken.js\"></script>"),
            "/broken.js", "notDefinedAnywhere();\n");

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            exchange.getResponseHeaders().set("Content-Security-Policy", POLICY);
            if (path.equals("/greet") && exchange.getRequestMethod().equals("POST")) {
                String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String name = URLDecoder.decode(form.replaceFirst("^name=", ""), StandardCharsets.UTF_8);
                String greeting = "<p id=\"greeting\">Hello, " + escape(name) + "!</p>";
                send(exchange, 200, "text/html", page("Greeted", greeting));
            } else if (path.equals("/favicon.ico")) {
                send(exchange, 204, "image/x-icon", "");
            } else if (PAGES.containsKey(path)) {
                send(exchange, 200, path.endsWith(".js") ? "text/javascript" : "text/html", PAGES.get(path));
            } else {
                send(exchange, 404, "text/plain", "not found");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static String page(String title, String body) {
        return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + "</title></head>\n<body>\n" + body + "\n</body></html>\n";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
