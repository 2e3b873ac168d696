package dev.ludus.ops;

import dev.ludus.http.Json;
import dev.ludus.http.RouteTable;
import dev.ludus.store.Database;
import io.helidon.http.HeaderNames;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Endpoints for operators and tools, none of which needs a token: {@code /health/live},
 * {@code /health/ready} (ready only while the store answers and the HTTP listener accepts connections), {@code /metrics} (Prometheus text) and
 * {@code /openapi.yaml} (the hand-written contract).
 */
public final class OpsRoutes {

    private static final String OPENAPI_RESOURCE = "/openapi.yaml";
    /** How long readiness waits for the store, getting a connection included. */
    private static final java.time.Duration READY_BUDGET = java.time.Duration.ofSeconds(2);

    private final Database database;
    private final PrometheusMeterRegistry registry;
    private final Json json;
    private final byte[] openapi;
    private final BooleanSupplier listening;

    /** {@code listening} says whether the HTTP listener accepts new connections. */
    public OpsRoutes(Database database, PrometheusMeterRegistry registry, Json json, BooleanSupplier listening) {
        this.database = database;
        this.listening = listening;
        this.registry = registry;
        this.json = json;
        this.openapi = loadOpenapi();
    }

    public void register(RouteTable routes) {
        routes.get("/health/live", (req, res) -> json.send(res, 200, Map.of("status", "UP")));
        routes.get("/health/ready", (req, res) -> {
            boolean store = database.isReady(READY_BUDGET);
            boolean disk = database.hasRoomToWrite();
            boolean listener = listening.getAsBoolean();
            boolean ready = store && disk && listener;
            json.send(res, ready ? 200 : 503, Map.of("status", ready ? "UP" : "DOWN",
                    "checks", Map.of("store", store ? "UP" : "DOWN", "disk", disk ? "UP" : "DOWN",
                            "listener", listener ? "UP" : "DOWN")));
        });
        routes.get("/metrics", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            res.send(registry.scrape().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        });
        routes.get("/openapi.yaml", (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            res.send(openapi);
        });
    }

    private static byte[] loadOpenapi() {
        try (InputStream in = OpsRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read openapi.yaml", e);
        }
    }
}
