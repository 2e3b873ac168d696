package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.accounts.Role;
import dev.ludus.testing.GameSetup;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console's users pages over HTTP, signed in with the operator key: the list (search, sort,
 * paging through the same list as {@code GET /v1/users}), a user's page, and the changes made from it,
 * which go through the API's services and leave the same audit entries.
 */
class ConsoleUsersTest {

    private static final Pattern USER_ROW = Pattern.compile("<tr data-user=\"([^\"]*)\">");

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private TestApp app;
    private String[] service;
    private ConsoleClient browser;

    @BeforeEach
    void game() {
        app = server.ludus().createApp();
        new GameSetup(server.http(), app).metric("steps")
                .put("/v1/achievements/first_k", """
                        {"name":"First thousand","trigger":{"type":"metric","metric":"steps","threshold":1000}}""")
                .put("/v1/achievements/bonus", "{\"name\":\"Bonus\",\"trigger\":{\"type\":\"api\"}}")
                .put("/v1/points/xp", """
                        {"name":"Experience","triggers":[{"type":"metric","metric":"steps","points":1,"per":100}],
                         "levels":[{"name":"Rookie","threshold":0},{"name":"Walker","threshold":5}]}""")
                .put("/v1/streaks/walk", """
                        {"name":"Daily walk","period":"daily","conditions":[{"metric":"steps","threshold":1000}],
                         "freezes":{"initial":0,"max":3}}""")
                .put("/v1/leaderboards/walkers", "{\"name\":\"Walkers\",\"rank_by\":{\"type\":\"metric\",\"metric\":\"steps\"}}");
        service = Http.bearer(app.tokenWith("admin", "write", "users:read", "users:write"));
        browser = new ConsoleClient(server.ludus()).signInWithOperatorKey();
    }

    @Test
    void searchingByEmailFindsTheUser() {
        putUser("alice", "{\"name\":\"Alice\",\"email\":\"alice@example.com\"}");
        putUser("bob", "{\"name\":\"Bob\",\"email\":\"bob@example.com\"}");

        ConsoleClient.Page found = browser.get(users("?q=ALICE%40example"));

        assertThat(found.status()).isEqualTo(200);
        assertThat(listed(found)).containsExactly("alice");
        assertThat(found.body()).contains("alice@example.com").doesNotContain("bob@example.com");
    }

    @Test
    void theNextLinkPagesThroughEveryUserOnce() {
        for (int i = 0; i < 7; i++) {
            putUser("user-" + i, "{\"email\":\"u" + i + "@example.com\"}");
        }
        List<String> seen = new ArrayList<>();
        ConsoleClient.Page page = browser.get(users("?q=u&limit=3"));
        int pages = 1;
        while (true) {
            assertThat(page.status()).isEqualTo(200);
            seen.addAll(listed(page));
            Matcher next = Pattern.compile("id=\"next-page\" hx-get=\"([^\"]*)\"").matcher(page.body());
            if (!next.find()) {
                break;
            }
            page = browser.get(next.group(1).replace("&amp;", "&"));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyInAnyOrder("user-0", "user-1", "user-2", "user-3", "user-4", "user-5",
                "user-6");
    }

    @Test
    void sortingByBalanceListsTheRichestFirst() {
        putUser("poor", "{}");
        putUser("rich", "{}");
        putUser("middle", "{}");
        adjust("poor", 5);
        adjust("rich", 500);
        adjust("middle", 50);

        ConsoleClient.Page sorted = browser.get(users("?sort=balance%3Axp"));

        assertThat(listed(sorted)).containsExactly("rich", "middle", "poor");
        assertThat(sorted.body()).contains("<td class=\"balance\">500</td>");
    }

    @Test
    void aBadSearchShowsTheErrorNextToTheField() {
        ConsoleClient.Page refused = browser.get(users("?attribute=no-colon"));
        ConsoleClient.Page unknownSystem = browser.get(users("?sort=balance%3Anope"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("data-error-for=\"attribute\"");
        assertThat(unknownSystem.status()).isEqualTo(422);
        assertThat(unknownSystem.body()).contains("data-error-for=\"sort\"", "no active points system");
    }

    @Test
    void theUserPageShowsPointsAchievementsStreaksRanksAndWhatEachEventChanged() {
        putUser("walker", "{\"name\":\"Walker\",\"email\":\"w@example.com\",\"locale\":\"pt-BR\","
                + "\"attributes\":{\"team\":\"red\"}}");
        event("walker", 1200);

        ConsoleClient.Page page = browser.get(user("walker"));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("w@example.com", "team: red", "First thousand", "<dd>pt-BR</dd>")
                .contains("<strong class=\"balance\">12</strong>", "level 2: Walker")
                .contains("<span class=\"unlocked\">unlocked")
                .contains("<strong class=\"current\">1</strong>")
                .contains("<td class=\"rank\">1 of 1</td>")
                .contains("+12 xp (balance 12)", "unlocked First thousand")
                .contains("<progress value=\"1000\" max=\"1000\">");
    }

    @Test
    void anAdjustmentWithoutAReasonIsRefusedNextToTheFieldAndWritesNothing() {
        putUser("carol", "{}");
        browser.get(user("carol"));

        ConsoleClient.Page refused = browser.post(user("carol") + "/points", "system", "xp", "amount", "50",
                "reason", "  ");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("data-error-for=\"reason\"", "value=\"50\"");
        assertThat(balance("carol")).isZero();
        assertThat(auditActions()).doesNotContain("points.adjusted");
    }

    @Test
    void anAdjustmentIsAuditedWithTheConsoleActorAndShownInTheAuditPage() {
        putUser("dave", "{}");
        browser.get(user("dave"));

        ConsoleClient.Page done = browser.post(user("dave") + "/points", "system", "xp", "amount", "40",
                "reason", "support ticket 7");

        assertThat(done.status()).isEqualTo(303);
        assertThat(done.location()).isEqualTo(user("dave") + "?done=adjusted");
        assertThat(browser.get(done.location()).body()).contains("Points adjusted.",
                "<strong class=\"balance\">40</strong>", "support ticket 7");
        assertThat(balance("dave")).isEqualTo(40);
        JsonNode entry = server.http().get("/v1/audit?action=points.adjusted", service).json().path("items").get(0);
        assertThat(entry.path("actor").path("kind").asText()).isEqualTo("operator");
        assertThat(entry.path("actor").path("auth_method").asText()).isEqualTo("operator_key");
        ConsoleClient.Page audit = browser.get("/console/apps/" + app.applicationId() + "/audit");
        assertThat(audit.body()).contains("data-action=\"points.adjusted\" data-actor-kind=\"operator\"",
                "the operator key", "granted 40 points of 'xp' for user 'dave' (balance 40): support ticket 7");
    }

    @Test
    void theSameFormSentTwiceAdjustsOnce() {
        putUser("erin", "{}");
        String key = idempotencyKey(browser.get(user("erin")));

        browser.post(user("erin") + "/points", "system", "xp", "amount", "10", "reason", "r", "idempotency_key", key);
        ConsoleClient.Page again = browser.post(user("erin") + "/points", "system", "xp", "amount", "10", "reason",
                "r", "idempotency_key", key);

        assertThat(again.status()).isEqualTo(303);
        assertThat(balance("erin")).isEqualTo(10);
    }

    @Test
    void spendingMoreThanTheBalanceIsRefusedByTheRulesNextToTheAmount() {
        putUser("frank", "{}");
        browser.get(user("frank"));

        ConsoleClient.Page refused = browser.post(user("frank") + "/points", "system", "xp", "amount", "-5",
                "reason", "oops");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("data-error-for=\"amount\"");
        assertThat(balance("frank")).isZero();
    }

    @Test
    void completingAnApiAchievementAndGrantingFreezesAreAudited() {
        putUser("gina", "{}");
        browser.get(user("gina"));

        assertThat(browser.post(user("gina") + "/achievements", "achievement", "bonus").status()).isEqualTo(303);
        browser.get(user("gina"));
        assertThat(browser.post(user("gina") + "/freezes", "streak", "walk", "count", "2").status()).isEqualTo(303);
        ConsoleClient.Page tooMany = browser.post(user("gina") + "/freezes", "streak", "walk", "count", "1000");

        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.body()).contains("data-error-for=\"count\"");
        JsonNode progress = server.http().get("/v1/users/gina/progress", service).json();
        assertThat(progress.path("achievements").findValuesAsText("key")).contains("bonus");
        assertThat(progress.path("streaks").get(0).path("freezes").asInt()).isEqualTo(2);
        assertThat(auditActions()).startsWith("streak.freezes_granted", "achievement.completed");
    }

    @Test
    void deletingNeedsTheTypedUserId() {
        putUser("hank", "{}");
        browser.get(user("hank"));

        ConsoleClient.Page refused = browser.post(user("hank") + "/delete", "confirm", "hank2");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.body()).contains("data-error-for=\"confirm\"");
        assertThat(server.http().get("/v1/users/hank", service).status()).isEqualTo(200);

        ConsoleClient.Page deleted = browser.post(user("hank") + "/delete", "confirm", "hank");
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(deleted.location()).isEqualTo(users("?done=deleted"));
        assertThat(server.http().get("/v1/users/hank", service).status()).isEqualTo(404);
        assertThat(browser.get(user("hank")).status()).isEqualTo(404);
        assertThat(auditActions()).startsWith("user.deleted");
    }

    @Test
    void aFlaggedUsersPageShowsTheFlagAndClearsIt() {
        server.http().send("PUT", "/v1/metrics/taps", "{\"velocity\":{\"max_events\":1,\"seconds\":60,\"hold\":true}}",
                service);
        for (int i = 0; i < 2; i++) {
            assertThat(server.http().post("/v1/events", "{\"user_id\":\"ivy\",\"metric\":\"taps\",\"value\":1}", service)
                    .status()).isEqualTo(201);
        }
        ConsoleClient.Page page = browser.get(user("ivy"));
        assertThat(page.body()).contains("id=\"flag\"", "<code>taps</code>", "Their events award nothing");

        ConsoleClient.Page cleared = browser.post(user("ivy") + "/flag/clear");
        assertThat(cleared.status()).isEqualTo(303);
        assertThat(cleared.location()).isEqualTo(user("ivy") + "?done=unflagged");
        assertThat(server.http().get("/v1/users/ivy", service).json().path("flag").isNull()).isTrue();
        assertThat(browser.get(user("ivy")).body()).doesNotContain("id=\"flag\"");
        assertThat(auditActions()).startsWith("user.flag_cleared");
    }

    @Test
    void aChangeForAUserWhoDoesNotExistCreatesNobody() {
        browser.get(users(""));

        ConsoleClient.Page answer = browser.post(user("ghost") + "/points", "system", "xp", "amount", "5",
                "reason", "r");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(server.http().get("/v1/users/ghost", service).status()).isEqualTo(404);
    }

    @Test
    void aViewerSeesTheUserButNoChangeAndIsForbiddenToMakeOne() {
        putUser("ivy", "{}");
        ConsoleClient viewer = ConsoleAccounts.signedIn(server.ludus(), "viewer-" + app.applicationId() + "@example.com",
                Role.viewerOfApplication(app.applicationId()));

        ConsoleClient.Page page = viewer.get(user("ivy"));
        ConsoleClient.Page adjust = viewer.post(user("ivy") + "/points", "system", "xp", "amount", "50", "reason", "r");
        ConsoleClient.Page complete = viewer.post(user("ivy") + "/achievements", "achievement", "bonus");
        ConsoleClient.Page freezes = viewer.post(user("ivy") + "/freezes", "streak", "walk", "count", "1");
        ConsoleClient.Page delete = viewer.post(user("ivy") + "/delete", "confirm", "ivy");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("adjust-form", "complete-form", "freezes-form", "delete-form");
        assertThat(List.of(adjust.status(), complete.status(), freezes.status(), delete.status()))
                .containsOnly(403);
        assertThat(balance("ivy")).isZero();
        assertThat(server.http().get("/v1/users/ivy", service).status()).isEqualTo(200);
        assertThat(auditActions()).doesNotContain("points.adjusted", "achievement.completed",
                "streak.freezes_granted", "user.deleted");
    }

    @Test
    void anAdminAccountsAdjustmentIsAuditedAsTheAccount() {
        putUser("jo", "{}");
        String email = "admin-" + app.applicationId() + "@example.com";
        ConsoleClient admin = ConsoleAccounts.signedIn(server.ludus(), email,
                Role.adminOfApplication(app.applicationId()));
        admin.get(user("jo"));

        assertThat(admin.post(user("jo") + "/points", "system", "xp", "amount", "3", "reason", "welcome").status())
                .isEqualTo(303);

        JsonNode actor = server.http().get("/v1/audit?action=points.adjusted", service).json().path("items").get(0)
                .path("actor");
        assertThat(actor.path("kind").asText()).isEqualTo("account");
        assertThat(actor.path("subject").asText()).isEqualTo(email);
        assertThat(admin.get("/console/apps/" + app.applicationId() + "/audit").body())
                .contains("data-actor-kind=\"account\"", email + " (console)");
    }

    @Test
    void someoneWithoutARoleOnTheApplicationDoesNotSeeItsUsers() {
        putUser("kim", "{}");
        TestApp elsewhere = server.ludus().createApp();
        ConsoleClient stranger = ConsoleAccounts.signedIn(server.ludus(), "admin-" + elsewhere.applicationId()
                + "@example.com", Role.adminOfApplication(elsewhere.applicationId()));

        assertThat(stranger.get(users("")).status()).isEqualTo(404);
        assertThat(stranger.get(user("kim")).status()).isEqualTo(404);
        assertThat(stranger.post(user("kim") + "/delete", "confirm", "kim").status()).isEqualTo(404);
        assertThat(server.http().get("/v1/users/kim", service).status()).isEqualTo(200);
    }

    @Test
    void whatAUserTypedIsEscaped() {
        putUser("x<script>", "{\"name\":\"<script>alert(1)</script>\",\"attributes\":{\"a\":\"<b>\"}}");

        ConsoleClient.Page list = browser.get(users(""));
        ConsoleClient.Page page = browser.get(user("x<script>"));

        assertThat(list.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "a: &lt;b&gt;")
                .doesNotContain("<script>alert", "<b>");
    }

    private String users(String query) {
        return "/console/apps/" + app.applicationId() + "/users" + query;
    }

    private String user(String id) {
        return UserPages.path(app.applicationId(), id);
    }

    private void putUser(String id, String json) {
        Http.Answer answer = server.http().send("PUT", "/v1/users/" + ConsoleText.segment(id), json, service);
        assertThat(answer.status()).as(answer.body()).isIn(200, 201);
    }

    private void event(String id, int steps) {
        Http.Answer answer = server.http().post("/v1/events", "{\"user_id\":\"" + id + "\",\"metric\":\"steps\","
                + "\"value\":" + steps + "}", service);
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private void adjust(String id, long amount) {
        Http.Answer answer = server.http().post("/v1/users/" + id + "/points/xp/adjust",
                "{\"amount\":" + amount + ",\"reason\":\"test\"}", service);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private long balance(String id) {
        return server.http().get("/v1/users/" + id + "/progress", service).json().path("points").get(0)
                .path("balance").asLong();
    }

    /** The actions of the application's audit entries, newest first. */
    private List<String> auditActions() {
        return server.http().get("/v1/audit", service).json().path("items").findValuesAsText("action");
    }

    private static List<String> listed(ConsoleClient.Page page) {
        List<String> ids = new ArrayList<>();
        Matcher row = USER_ROW.matcher(page.body());
        while (row.find()) {
            ids.add(row.group(1));
        }
        return ids;
    }

    private static String idempotencyKey(ConsoleClient.Page page) {
        Matcher key = Pattern.compile("name=\"idempotency_key\" value=\"([^\"]*)\"").matcher(page.body());
        assertThat(key.find()).isTrue();
        return key.group(1);
    }
}
