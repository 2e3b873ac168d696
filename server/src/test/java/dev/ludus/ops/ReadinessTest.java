package dev.ludus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.http.Json;
import dev.ludus.http.RouteTable;
import dev.ludus.store.Database;
import dev.ludus.testing.Http;
import dev.ludus.testing.TestStore;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Readiness follows the HTTP listener as well as the store. */
class ReadinessTest {

    @Test
    void readinessIsDownWhileTheListenerDoesNotAcceptConnections() {
        TestStore store = TestStore.create();
        AtomicBoolean accepting = new AtomicBoolean(true);
        try (Database database = store.open()) {
            HttpRouting.Builder routing = HttpRouting.builder();
            new OpsRoutes(database, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new Json(), accepting::get)
                    .register(new RouteTable(routing));
            WebServer server = WebServer.builder().port(0).routing(routing).build().start();
            try (Http http = new Http(server.port())) {
                assertThat(http.get("/health/ready").status()).isEqualTo(200);

                accepting.set(false);
                Http.Answer down = http.get("/health/ready");

                assertThat(down.status()).isEqualTo(503);
                assertThat(down.json().path("status").asText()).isEqualTo("DOWN");
                assertThat(down.json().path("checks").path("listener").asText()).isEqualTo("DOWN");
                assertThat(down.json().path("checks").path("store").asText()).isEqualTo("UP");
            } finally {
                server.stop();
            }
        } finally {
            store.drop();
        }
    }
}
