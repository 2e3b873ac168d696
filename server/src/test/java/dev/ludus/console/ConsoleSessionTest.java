package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.TestLudus;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConsoleSessionTest {

    static TestLudus ludus;

    @BeforeAll
    static void start() {
        ludus = TestLudus.start();
    }

    @AfterAll
    static void stop() {
        ludus.close();
    }

    @Test
    void aPageWithoutASessionSendsTheBrowserToSignInAndBack() {
        ConsoleClient browser = new ConsoleClient(ludus);
        ConsoleClient.Page answer = browser.get("/console/apps/app_x?tab=1");
        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.location()).isEqualTo("/console/sign-in?next=%2Fconsole%2Fapps%2Fapp_x%3Ftab%3D1");
    }

    @Test
    void signingInWithTheOperatorKeySetsAStrictHttpOnlySessionCookie() {
        ConsoleClient browser = new ConsoleClient(ludus);
        browser.get("/console/sign-in");
        ConsoleClient.Page answer = browser.post("/console/sign-in", "operator_key", TestLudus.ADMIN_KEY,
                "next", "/console/apps/app_x");
        assertThat(answer.status()).isEqualTo(303);
        assertThat(answer.location()).isEqualTo("/console/apps/app_x");
        String cookie = answer.headers().allValues("Set-Cookie").stream()
                .filter(value -> value.startsWith("ludus_session=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Strict", "Path=/console").doesNotContain("Secure");
    }

    @Test
    void aWrongOperatorKeyIsRefusedWithoutASession() {
        ConsoleClient browser = new ConsoleClient(ludus);
        browser.get("/console/sign-in");
        ConsoleClient.Page answer = browser.post("/console/sign-in", "operator_key", "not-the-key");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("That is not the operator key.");
        assertThat(browser.cookie("ludus_session")).isEmpty();
    }

    @Test
    void anotherSitesNextIsIgnored() {
        assertThat(SignInRoutes.next("https://evil.example/console")).isEqualTo("/console");
        assertThat(SignInRoutes.next("//evil.example")).isEqualTo("/console");
        assertThat(SignInRoutes.next("/console//evil.example")).isEqualTo("/console");
        assertThat(SignInRoutes.next("/console/apps/a?b=c")).isEqualTo("/console/apps/a?b=c");
    }

    @Test
    void signInWithoutTheFormsCsrfTokenIsForbidden() {
        ConsoleClient browser = new ConsoleClient(ludus);
        browser.get("/console/sign-in");
        ConsoleClient.Page answer = browser.postRaw("/console/sign-in",
                Map.of("operator_key", TestLudus.ADMIN_KEY), Map.of());
        assertThat(answer.status()).isEqualTo(403);
        assertThat(browser.cookie("ludus_session")).isEmpty();
    }

    @Test
    void aChangeWithAForgedOrMissingCsrfTokenIsForbidden() {
        ConsoleClient browser = new ConsoleClient(ludus).signInWithOperatorKey();
        ConsoleClient.Page forged = browser.postRaw("/console/sign-out", Map.of("_csrf", "forged"), Map.of());
        ConsoleClient.Page missing = browser.postRaw("/console/sign-out", Map.of(), Map.of());
        assertThat(forged.status()).isEqualTo(403);
        assertThat(missing.status()).isEqualTo(403);
        assertThat(browser.get("/console/apps/nope").status()).as("still signed in").isEqualTo(404);
    }

    @Test
    void aChangeFromAnotherSiteIsForbiddenEvenWithTheToken() {
        ConsoleClient browser = new ConsoleClient(ludus).signInWithOperatorKey();
        ConsoleClient.Page answer = browser.postRaw("/console/sign-out", Map.of("_csrf", browser.csrf()),
                Map.of("Sec-Fetch-Site", "cross-site"));
        assertThat(answer.status()).isEqualTo(403);
    }

    @Test
    void theCsrfTokenMayComeAsTheHtmxHeader() {
        ConsoleClient browser = new ConsoleClient(ludus).signInWithOperatorKey();
        ConsoleClient.Page answer = browser.postRaw("/console/sign-out", Map.of(),
                Map.of("X-CSRF-Token", browser.csrf()));
        assertThat(answer.status()).isEqualTo(303);
    }

    @Test
    void signingOutEndsTheSession() {
        ConsoleClient browser = new ConsoleClient(ludus).signInWithOperatorKey();
        String session = browser.cookie("ludus_session").orElseThrow();
        assertThat(browser.post("/console/sign-out").status()).isEqualTo(303);
        browser.setCookie("ludus_session", session);
        assertThat(browser.get("/console/apps/nope").status()).as("the old cookie no longer works").isEqualTo(303);
    }

    @Test
    void aChangeAfterTheSessionEndedSays401AndNotSaved() {
        ConsoleClient browser = new ConsoleClient(ludus).signInWithOperatorKey();
        browser.setCookie("ludus_session", "ended-long-ago");
        ConsoleClient.Page answer = browser.post("/console/sign-out-everywhere");
        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.body()).contains("was not saved");
    }

    @Test
    void everyConsoleAnswerCarriesAStrictContentSecurityPolicy() {
        ConsoleClient browser = new ConsoleClient(ludus);
        for (String path : new String[] {"/console/sign-in", "/console", "/console/assets/console.js"}) {
            ConsoleClient.Page answer = browser.get(path);
            assertThat(answer.header("Content-Security-Policy")).as(path).hasValue(ConsoleFilter.CONTENT_SECURITY_POLICY);
            assertThat(answer.header("X-Frame-Options")).as(path).hasValue("DENY");
        }
        assertThat(ConsoleFilter.CONTENT_SECURITY_POLICY).contains("script-src 'self'").doesNotContain("unsafe");
    }

    @Test
    void aConsolePathWithoutAPageAnswersAnHtml404() {
        ConsoleClient browser = new ConsoleClient(ludus).signInWithOperatorKey();
        for (String path : new String[] {"/console/no-such-page", "/console/apps/a/b/c/d/e"}) {
            ConsoleClient.Page answer = browser.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.header("Content-Type")).as(path).hasValue("text/html; charset=utf-8");
            assertThat(answer.body()).contains("there is no console page " + path);
        }
        assertThat(new ConsoleClient(ludus).get("/console/no-such-page").status()).as("signed out: sign in first")
                .isEqualTo(303);
        assertThat(browser.post("/console/no-such-page").status()).isEqualTo(404);
        assertThat(browser.get("/v1/no-such-route").status()).as("the API keeps its own fallback").isEqualTo(401);
    }

    @Test
    void onlyListedAssetsAreServed() {
        ConsoleClient browser = new ConsoleClient(ludus);
        assertThat(browser.get("/console/assets/htmx.min.js").status()).isEqualTo(200);
        assertThat(browser.get("/console/assets/..%2F..%2Flogback.xml").status()).isEqualTo(404);
    }
}
