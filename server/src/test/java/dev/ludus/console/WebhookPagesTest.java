package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.accounts.Role;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.WebhookReceiver;
import dev.ludus.testing.WebhookReceiver.Received;
import dev.ludus.testing.WebhookReceiver.Reply;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The webhook pages over HTTP, as the operator: an endpoint created with its secret shown once, the
 * service's refusals next to their fields, a failing receiver's attempts in the delivery log, replays to
 * the fixed receiver, a ping, the endpoint-disabled notice, changes and deletion; a viewer changes nothing.
 */
class WebhookPagesTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "true"));

    private static final Pattern ROW = Pattern.compile("<tr data-attempt=\"\\d+\" data-message=\"([^\"]+)\" "
            + "data-outcome=\"([a-z]+)\">.*?<td class=\"http\">([^<]*)</td>", Pattern.DOTALL);

    private final WebhookReceiver receiver = WebhookReceiver.start();
    private TestApp app;
    private WebhookDeliveries deliveries;
    private ConsoleClient browser;
    private String webhooks;

    @BeforeEach
    void start() {
        app = server.ludus().createApp();
        deliveries = new WebhookDeliveries(server.ludus(), app);
        browser = new ConsoleClient(server.ludus()).signInWithOperatorKey();
        webhooks = WebhookPages.path(app.applicationId());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** Creates an endpoint for {@code points.changed} through the page; answers the page that shows the secret. */
    private ConsoleClient.Page create(String url, String... types) {
        browser.get(webhooks);
        java.util.List<String> fields = new java.util.ArrayList<>(java.util.List.of("url", url, "description", "Staging"));
        for (String type : types) {
            fields.add("event_types");
            fields.add(type);
        }
        return browser.post(webhooks, fields.toArray(String[]::new));
    }

    private String createdEndpoint() {
        ConsoleClient.Page created = create(receiver.url(), "points.changed");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return Html.text(created.body(), "endpoint-id");
    }

    @Test
    void creatingAnEndpointShowsItsSigningSecretOnceAndMessagesAreSignedWithIt() {
        ConsoleClient.Page created = create(receiver.url(), "points.changed", "achievement.unlocked");

        assertThat(created.status()).as(created.body()).isEqualTo(200);
        assertThat(created.header("HX-Push-Url")).hasValue("false");
        assertThat(created.body()).contains("hx-history=\"false\"", "data-copy=\"webhook-secret\"");
        String secret = Html.text(created.body(), "webhook-secret");
        String id = Html.text(created.body(), "endpoint-id");
        assertThat(secret).startsWith("whsec_");
        JsonNode endpoint = server.http().get("/v1/webhooks/" + id, Http.bearer(app.tokenWith("admin"))).json();
        assertThat(endpoint.path("url").asText()).isEqualTo(receiver.url());
        assertThat(endpoint.path("event_types").toString()).isEqualTo("[\"achievement.unlocked\",\"points.changed\"]");
        assertThat(endpoint.path("description").asText()).isEqualTo("Staging");

        deliveries.event("ada", 3);
        Received message = receiver.await(1).get(0);
        assertThat(message.signature()).isEqualTo(message.signatureWith(secret));

        ConsoleClient.Page list = browser.get(webhooks);
        assertThat(list.body()).contains("data-endpoint=\"" + id + "\"", receiver.url()).doesNotContain(secret);
        assertThat(browser.get(WebhookPages.path(app.applicationId(), id)).body()).doesNotContain(secret);
        JsonNode audit = server.http().get("/v1/audit?action=webhook.created", Http.bearer(app.tokenWith("admin"))).json();
        assertThat(audit.path("items").path(0).path("actor").path("kind").asText()).isEqualTo("operator");
    }

    @Test
    void theServicesRefusalsAreShownNextToTheirFieldsAndNothingIsCreated() {
        ConsoleClient.Page noTypes = create(receiver.url());
        assertThat(noTypes.status()).isEqualTo(422);
        assertThat(Html.errorFor(noTypes.body(), "event_types")).isEqualTo("'event_types' must name at least one event type");
        assertThat(noTypes.body()).as("what was typed is shown again").contains("value=\"" + receiver.url() + "\"");

        ConsoleClient.Page badUrl = create("ftp://example.com/hook", "points.changed");
        assertThat(badUrl.status()).isEqualTo(422);
        assertThat(Html.errorFor(badUrl.body(), "url")).contains("http");

        ConsoleClient.Page unknown = create(receiver.url(), "points.stolen");
        assertThat(Html.errorFor(unknown.body(), "event_types")).contains("unknown event type 'points.stolen'");

        assertThat(server.http().get("/v1/webhooks", Http.bearer(app.tokenWith("admin"))).json().path("items")).isEmpty();
    }

    @Test
    void aFailingReceiversAttemptsAreLoggedAndAReplayToTheFixedReceiverSucceeds() {
        receiver.respond(request -> new Reply(500, Map.of(), "database is down", Duration.ZERO));
        String id = createdEndpoint();
        String endpointPage = WebhookPages.path(app.applicationId(), id);
        deliveries.event("ada", 2);
        JsonNode failed = deliveries.failForGood(id);
        String messageId = failed.get(0).path("message_id").asText();
        browser = new ConsoleClient(server.ludus()).signInWithOperatorKey();    // the clock moved past the session

        String log = browser.get(endpointPage).body();
        Matcher rows = ROW.matcher(log);
        int attempts = 0;
        while (rows.find()) {
            attempts++;
            assertThat(rows.group(1)).isEqualTo(messageId);
            assertThat(rows.group(2)).isIn("pending", "failed");
            assertThat(rows.group(3)).isEqualTo("500");
        }
        assertThat(attempts).isEqualTo(failed.size()).isEqualTo(8);
        assertThat(log).contains("database is down", "next at ");

        receiver.respond(request -> Reply.ok());
        ConsoleClient.Page replayed = browser.post(endpointPage + "/replay", "message_id", messageId);
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.body()).contains("1 message queued again");
        deliveries.awaitLog(id, "a success", entries -> WebhookDeliveries.has(entries, messageId, "succeeded"));
        assertThat(receiver.received().getLast().id()).isEqualTo(messageId);
        String after = browser.get(endpointPage).body();
        Matcher newest = ROW.matcher(after);
        assertThat(newest.find()).isTrue();
        assertThat(newest.group(1)).isEqualTo(messageId);
        assertThat(newest.group(2)).isEqualTo("succeeded");
        assertThat(newest.group(3)).isEqualTo("200");
    }

    @Test
    void aTimeRangeIsReplayedAndABadRangeIsRefusedNextToItsField() {
        String id = createdEndpoint();
        String endpointPage = WebhookPages.path(app.applicationId(), id);
        deliveries.event("ada", 1);
        deliveries.event("bob", 1);
        receiver.await(2);
        DateTimeFormatter local = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneOffset.UTC);
        String since = local.format(server.ludus().clock().instant().minus(Duration.ofMinutes(1)));
        browser.get(endpointPage);

        ConsoleClient.Page replayed = browser.post(endpointPage + "/replay", "since", since, "until", "");
        assertThat(replayed.status()).as(replayed.body()).isEqualTo(200);
        assertThat(replayed.body()).contains("2 messages queued again");
        receiver.await(4);

        ConsoleClient.Page backwards = browser.post(endpointPage + "/replay", "since", since, "until", since);
        assertThat(backwards.status()).isEqualTo(422);
        assertThat(Html.errorFor(backwards.body(), "until")).isEqualTo("'until' must be after 'since'");
        ConsoleClient.Page nonsense = browser.post(endpointPage + "/replay", "since", "last tuesday");
        assertThat(Html.errorFor(nonsense.body(), "since")).contains("ISO 8601");
        ConsoleClient.Page unknown = browser.post(endpointPage + "/replay", "message_id", "msg_nope");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(Html.errorFor(unknown.body(), "")).contains("no message 'msg_nope'");
    }

    @Test
    void aPingShowsWhatTheEndpointAnswered() {
        receiver.respond(request -> new Reply(503, Map.of(), "maintenance", Duration.ZERO));
        String id = createdEndpoint();
        String endpointPage = WebhookPages.path(app.applicationId(), id);
        browser.get(endpointPage);

        ConsoleClient.Page pinged = browser.post(endpointPage + "/ping");

        assertThat(pinged.status()).isEqualTo(200);
        assertThat(Html.text(pinged.body(), "ping-status")).isEqualTo("503");
        assertThat(pinged.body()).contains("Ping failed", "maintenance");
        assertThat(receiver.await(1).get(0).type()).isEqualTo("webhook.ping");
    }

    @Test
    void anEndpointDisabledByTheOutboxIsShownWithWhyAndWhen() {
        receiver.respond(request -> Reply.status(410));
        String id = createdEndpoint();
        deliveries.event("ada", 1);
        deliveries.awaitLog(id, "the 410", log -> WebhookDeliveries.has(log, log.path(0).path("message_id").asText(),
                "failed"));

        String list = browser.get(webhooks).body();
        assertThat(list).contains("id=\"disabled-notices\"", "the endpoint answered 410 Gone");
        String page = browser.get(WebhookPages.path(app.applicationId(), id)).body();
        assertThat(Html.text(page, "disabled-reason")).isEqualTo("the endpoint answered 410 Gone");
        assertThat(Html.text(page, "endpoint-state")).isEqualTo("disabled");

        ConsoleClient.Page enabled = browser.post(WebhookPages.path(app.applicationId(), id) + "/enable");
        assertThat(enabled.status()).isEqualTo(303);
        assertThat(browser.follow(enabled.location()).body()).contains("Endpoint enabled").doesNotContain("id=\"disabled\"");
        assertThat(browser.get(webhooks).body()).as("no notice once enabled again").doesNotContain("disabled-notices");
    }

    @Test
    void eventTypesAreChangedTheEndpointDisabledAndDeletedAfterTypingDelete() {
        String id = createdEndpoint();
        String endpointPage = WebhookPages.path(app.applicationId(), id);
        String[] admin = Http.bearer(app.tokenWith("admin"));
        browser.get(endpointPage);

        ConsoleClient.Page saved = browser.post(endpointPage + "/event-types", "event_types", "level.changed",
                "event_types", "streak.lost");
        assertThat(saved.status()).isEqualTo(303);
        assertThat(browser.follow(saved.location()).body()).contains("Event types saved.");
        assertThat(server.http().get("/v1/webhooks/" + id, admin).json().path("event_types").toString())
                .isEqualTo("[\"level.changed\",\"streak.lost\"]");
        ConsoleClient.Page none = browser.post(endpointPage + "/event-types");
        assertThat(Html.errorFor(none.body(), "event_types")).isEqualTo("'event_types' must name at least one event type");

        assertThat(browser.post(endpointPage + "/disable").status()).isEqualTo(303);
        assertThat(server.http().get("/v1/webhooks/" + id, admin).json().path("enabled").asBoolean()).isFalse();

        ConsoleClient.Page unconfirmed = browser.post(endpointPage + "/delete", "confirm", "yes");
        assertThat(unconfirmed.status()).isEqualTo(422);
        assertThat(Html.errorFor(unconfirmed.body(), "confirm")).contains("Nothing was changed");
        ConsoleClient.Page deleted = browser.post(endpointPage + "/delete", "confirm", "delete");
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(browser.follow(deleted.location()).body()).contains("Endpoint deleted.", "id=\"no-endpoints\"");
        assertThat(server.http().get("/v1/webhooks/" + id, admin).status()).isEqualTo(404);
    }

    @Test
    void aRotationShowsTheNewSecretOnceAndBothSecretsSignDuringTheGrace() {
        ConsoleClient.Page created = create(receiver.url(), "points.changed");
        String first = Html.text(created.body(), "webhook-secret");
        String id = Html.text(created.body(), "endpoint-id");
        String endpointPage = WebhookPages.path(app.applicationId(), id);
        browser.get(endpointPage);

        ConsoleClient.Page rotated = browser.post(endpointPage + "/rotate", "grace_seconds", "3600");

        assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
        String second = Html.text(rotated.body(), "webhook-secret");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(rotated.body()).contains("until ");
        deliveries.event("ada", 1);
        Received message = receiver.await(1).get(0);
        assertThat(message.signature().split(" ")).contains(message.signatureWith(first), message.signatureWith(second));
        assertThat(browser.get(endpointPage).body()).doesNotContain(second);
        ConsoleClient.Page tooLong = browser.post(endpointPage + "/rotate", "grace_seconds", "9999999");
        assertThat(Html.errorFor(tooLong.body(), "grace_seconds")).contains("604800");
    }

    @Test
    void aViewerSeesTheLogButNoChangeFormAndCannotChangeAnything() {
        String id = createdEndpoint();
        ConsoleClient viewer = ConsoleAccounts.signedIn(server.ludus(), "viewer-" + app.applicationId() + "@example.com",
                Role.viewerOfApplication(app.applicationId()));

        ConsoleClient.Page page = viewer.get(WebhookPages.path(app.applicationId(), id));
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("Delivery log").doesNotContain("Send a test ping", "Delete the endpoint");
        assertThat(viewer.get(webhooks).body()).doesNotContain("Add endpoint");
        assertThat(viewer.post(WebhookPages.path(app.applicationId(), id) + "/disable").status()).isEqualTo(403);
        assertThat(viewer.post(webhooks, "url", receiver.url(), "event_types", "points.changed").status()).isEqualTo(403);
        assertThat(server.http().get("/v1/webhooks", Http.bearer(app.tokenWith("admin"))).json().path("items")).hasSize(1);
        assertThat(server.http().get("/v1/webhooks/" + id, Http.bearer(app.tokenWith("admin"))).json()
                .path("enabled").asBoolean()).isTrue();
    }
}
