package dev.ludus.badges;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.audit.Actor;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.ProblemHandler;
import dev.ludus.http.RouteTable;
import dev.ludus.rules.RuleAccess;
import dev.ludus.rules.RuleRoutes;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestDatabase;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kind defined outside {@code rules} and registered in one line gets the generic routes, the
 * reference checks and archiving, on a real server and store.
 */
class BadgeKindTest {

    /** Lets every request through, as an admin of the test application. */
    private static final RuleAccess OPEN = new RuleAccess() {
        @Override
        public Handler reading(Handler handler) {
            return handler;
        }

        @Override
        public Handler changing(Handler handler) {
            return handler;
        }

        @Override
        public Caller caller(ServerRequest request) {
            return new Caller(TestDatabase.APP, "tester", true);
        }

        @Override
        public Actor actor(ServerRequest request) {
            return Actor.api(TestDatabase.APP, "tester", "jwt", Optional.empty());
        }
    };

    private TestDatabase store;
    private WebServer server;
    private Http http;

    @BeforeEach
    void start() {
        store = new TestDatabase();
        Json json = store.json();
        RuleService rules = new RuleService(store.jdbi(), json, store.clock());
        rules.register(AchievementKind.KIND);
        rules.register(BadgeKind.KIND);
        HttpRouting.Builder routing = HttpRouting.builder().error(ApiException.class, new ProblemHandler(json)::handle);
        RouteTable routes = new RouteTable(routing);
        new RuleRoutes(rules, OPEN, json).register(routes);
        routing.any(routes.fallback());
        server = WebServer.builder().port(0).routing(routing).build().start();
        try (Http contractChecked = new Http(server.port())) {
            // the achievements here have no hooks, so their answers lack what the contract documents
            http = contractChecked.unchecked();
        }
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop();
        store.close();
    }

    @Test
    void aBadgeIsDefinedReadListedAndArchivedThroughTheGenericRoutes() {
        http.send("PUT", "/v1/achievements/first_k", "{\"trigger\":{\"type\":\"api\"}}");

        Http.Answer put = http.send("PUT", "/v1/badges/gold", "{\"achievement\":\"first_k\",\"image_url\":\"https://x/g.png\"}");
        Http.Answer again = http.send("PUT", "/v1/badges/gold", "{\"name\":\"gold\",\"achievement\":\"first_k\",\"image_url\":\"https://x/g.png\"}");
        Http.Answer get = http.get("/v1/badges/gold");
        Http.Answer list = http.get("/v1/badges");
        Http.Answer delete = http.send("DELETE", "/v1/badges/gold", null);
        Http.Answer archived = http.get("/v1/badges?include_archived=true");

        assertThat(put.status()).as(put.body()).isEqualTo(201);
        assertThat(put.header("Location")).hasValue("/v1/badges/gold");
        assertThat(again.status()).isEqualTo(200);
        assertThat(get.json().path("name").asText()).isEqualTo("gold");
        assertThat(get.json().path("achievement").asText()).isEqualTo("first_k");
        assertThat(get.json().path("image_url").asText()).isEqualTo("https://x/g.png");
        assertThat(list.json().path("items").get(0).path("key").asText()).isEqualTo("gold");
        assertThat(delete.status()).isEqualTo(204);
        assertThat(http.get("/v1/badges").json().path("items")).isEmpty();
        assertThat(archived.json().path("items").get(0).path("archived_at").isTextual()).isTrue();
    }

    @Test
    void aBadgeForAnAchievementThatIsNotActiveIsRefusedNamingItsMember() {
        Http.Answer answer = http.send("PUT", "/v1/badges/gold", "{\"achievement\":\"first_k\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("error").asText()).isEqualTo("unknown_rule");
        assertThat(answer.json().path("field").asText()).isEqualTo("achievement");
        assertThat(answer.json().path("missing").get(0).asText()).isEqualTo("achievement:first_k");
    }

    @Test
    void anAchievementCannotBeArchivedWhileABadgeShowsIt() {
        http.send("PUT", "/v1/achievements/first_k", "{\"trigger\":{\"type\":\"api\"}}");
        http.send("PUT", "/v1/badges/gold", "{\"achievement\":\"first_k\"}");

        Http.Answer answer = http.send("DELETE", "/v1/achievements/first_k", null);

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.json().path("used_by").get(0).asText()).isEqualTo("badge:gold");
    }

    @Test
    void aBadBadgeBodyIsRefusedNamingTheMember() {
        Http.Answer answer = http.send("PUT", "/v1/badges/gold", "{\"achievement\":\"first_k\",\"colour\":\"gold\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("field").asText()).isEqualTo("colour");
    }
}
