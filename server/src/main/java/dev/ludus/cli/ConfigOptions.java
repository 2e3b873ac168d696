package dev.ludus.cli;

import dev.ludus.config.CorsOrigins;
import dev.ludus.config.HttpLimits;
import dev.ludus.config.LudusConfig;
import dev.ludus.config.StoreTuning;
import dev.ludus.config.TlsSettings;
import dev.ludus.config.TrustedProxies;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The {@code LUDUS_*} settings as flags, shared by every command that reads the configuration; a
 * flag overrides the environment variable of the same name.
 */
final class ConfigOptions {

    @Option(names = "--port", description = "HTTP port (LUDUS_PORT, default 8080)")
    String port;

    @Option(names = "--data-dir", description = "data directory (LUDUS_DATA_DIR, default ./data)")
    String dataDir;

    @Option(names = "--db-url", description = "PostgreSQL JDBC URL (LUDUS_DB_URL; unset = SQLite)")
    String dbUrl;

    @Option(names = "--admin-key", description = "operator key (LUDUS_ADMIN_KEY; prefer the variable)")
    String adminKey;

    @Option(names = "--issuer", description = "issuer of server tokens (LUDUS_ISSUER)")
    String issuer;

    @Option(names = "--log-format", description = "text or json (LUDUS_LOG_FORMAT, default text)")
    String logFormat;

    @Option(names = "--auth-token-rate", description = "token requests per second per client (LUDUS_AUTH_TOKEN_RATE, default 10)")
    String authTokenRate;

    @Option(names = "--auth-token-burst", description = "token request burst per client (LUDUS_AUTH_TOKEN_BURST, default 20)")
    String authTokenBurst;

    @Option(names = "--ecdsa-sunset", description = "Sunset of ECDSA request signing, ISO 8601 (LUDUS_ECDSA_SUNSET, default "
            + LudusConfig.DEFAULT_ECDSA_SUNSET + ")")
    String ecdsaSunset;

    @Option(names = "--event-max-age", description = "how old an event's occurred_at may be, ISO 8601 duration (LUDUS_EVENT_MAX_AGE, default P7D)")
    String eventMaxAge;

    @Option(names = "--event-max-skew", description = "how far ahead an event's occurred_at may be (LUDUS_EVENT_MAX_SKEW, default PT5M)")
    String eventMaxSkew;

    @Option(names = "--write-queue", description = "writes waiting for a commit before 503 (LUDUS_WRITE_QUEUE, default 4096)")
    String writeQueue;

    @Option(names = "--idempotency-retention", description = "how long idempotency keys replay, ISO 8601 duration (LUDUS_IDEMPOTENCY_RETENTION, default P7D)")
    String idempotencyRetention;

    @Option(names = "--expiry-sweep-interval", description = "how often expired points, expiry notices and season ends are looked for, ISO 8601 duration (LUDUS_EXPIRY_SWEEP_INTERVAL, default PT1M)")
    String expirySweepInterval;

    @Option(names = "--redis-url", description = "redis:// or rediss:// URL for leaderboards shared by several nodes (LUDUS_REDIS_URL; unset = in memory)")
    String redisUrl;
    @Option(names = "--webhook-allow-private", description = "let webhook URLs reach private and loopback addresses (LUDUS_WEBHOOK_ALLOW_PRIVATE, default false)")
    String webhookAllowPrivate;

    @Option(names = "--webhook-timeout", description = "timeout of one webhook attempt, ISO 8601 duration (LUDUS_WEBHOOK_TIMEOUT, default PT15S)")
    String webhookTimeout;

    @Option(names = "--webhook-concurrency", description = "webhook deliveries at once per node (LUDUS_WEBHOOK_CONCURRENCY, default 64)")
    String webhookConcurrency;

    @Option(names = "--webhook-endpoint-concurrency", description = "webhook deliveries at once per node to one endpoint (LUDUS_WEBHOOK_ENDPOINT_CONCURRENCY, default 16)")
    String webhookEndpointConcurrency;

    @Option(names = "--webhook-max-lag", description = "how late deliveries to prompt webhook endpoints may fall before new events wait, ISO 8601 duration, PT0S for never (LUDUS_WEBHOOK_MAX_LAG, default PT0.5S)")
    String webhookMaxLag;

    @Option(names = "--http-idle-timeout", description = "how long an idle connection stays open, ISO 8601 duration (LUDUS_HTTP_IDLE_TIMEOUT, default PT60S)")
    String httpIdleTimeout;

    @Option(names = "--http-header-timeout", description = "time to send a request's headers (LUDUS_HTTP_HEADER_TIMEOUT, default PT10S)")
    String httpHeaderTimeout;

    @Option(names = "--http-body-timeout", description = "time to send a request's body and have it handled (LUDUS_HTTP_BODY_TIMEOUT, default PT60S)")
    String httpBodyTimeout;

    @Option(names = "--http-max-connections", description = "open connections at once, 0 for no limit (LUDUS_HTTP_MAX_CONNECTIONS, default: the open-file limit less 256, at most 10000)")
    String httpMaxConnections;

    @Option(names = "--db-pool-size", description = "connections in the store's pool (LUDUS_DB_POOL_SIZE, default 8 on SQLite, 16 on PostgreSQL)")
    String dbPoolSize;

    @Option(names = "--writers", description = "writer threads of the group commit (LUDUS_WRITERS, default 1 on SQLite, which allows no more, 4 on PostgreSQL)")
    String writers;

    @Option(names = "--write-batch", description = "most writes one commit holds (LUDUS_WRITE_BATCH, default 256)")
    String writeBatch;

    @Option(names = "--tls-cert", description = "PEM certificate chain: serve HTTPS (LUDUS_TLS_CERT, with LUDUS_TLS_KEY)")
    String tlsCert;

    @Option(names = "--tls-key", description = "PEM private key of the certificate (LUDUS_TLS_KEY)")
    String tlsKey;

    @Option(names = "--tls-reload-check", description = "how often the TLS files are checked for a renewal (LUDUS_TLS_RELOAD_CHECK, default PT10S)")
    String tlsReloadCheck;

    @Option(names = "--trusted-proxies", description = "addresses and CIDR ranges whose X-Forwarded-For/-Proto are believed (LUDUS_TRUSTED_PROXIES; unset = none)")
    String trustedProxies;

    @Option(names = "--cors-origins", description = "browser origins every application allows, comma-separated (LUDUS_CORS_ORIGINS; unset = none)")
    String corsOrigins;

    /** The environment with the given flags laid over it, validated. */
    LudusConfig resolve(Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        put(variables, LudusConfig.PORT, port);
        put(variables, LudusConfig.DATA_DIR, dataDir);
        put(variables, LudusConfig.DB_URL, dbUrl);
        put(variables, LudusConfig.ADMIN_KEY, adminKey);
        put(variables, LudusConfig.ISSUER, issuer);
        put(variables, LudusConfig.LOG_FORMAT, logFormat);
        put(variables, LudusConfig.AUTH_TOKEN_RATE, authTokenRate);
        put(variables, LudusConfig.AUTH_TOKEN_BURST, authTokenBurst);
        put(variables, LudusConfig.ECDSA_SUNSET, ecdsaSunset);
        put(variables, LudusConfig.EVENT_MAX_AGE, eventMaxAge);
        put(variables, LudusConfig.EVENT_MAX_SKEW, eventMaxSkew);
        put(variables, LudusConfig.WRITE_QUEUE, writeQueue);
        put(variables, LudusConfig.IDEMPOTENCY_RETENTION, idempotencyRetention);
        put(variables, LudusConfig.EXPIRY_SWEEP_INTERVAL, expirySweepInterval);
        put(variables, LudusConfig.REDIS_URL, redisUrl);
        put(variables, LudusConfig.WEBHOOK_ALLOW_PRIVATE, webhookAllowPrivate);
        put(variables, LudusConfig.WEBHOOK_TIMEOUT, webhookTimeout);
        put(variables, LudusConfig.WEBHOOK_CONCURRENCY, webhookConcurrency);
        put(variables, LudusConfig.WEBHOOK_ENDPOINT_CONCURRENCY, webhookEndpointConcurrency);
        put(variables, LudusConfig.WEBHOOK_MAX_LAG, webhookMaxLag);
        put(variables, HttpLimits.IDLE_TIMEOUT, httpIdleTimeout);
        put(variables, HttpLimits.HEADER_TIMEOUT, httpHeaderTimeout);
        put(variables, HttpLimits.BODY_TIMEOUT, httpBodyTimeout);
        put(variables, HttpLimits.MAX_CONNECTIONS, httpMaxConnections);
        put(variables, StoreTuning.POOL_SIZE, dbPoolSize);
        put(variables, StoreTuning.WRITERS, writers);
        put(variables, StoreTuning.WRITE_BATCH, writeBatch);
        put(variables, TlsSettings.CERT, tlsCert);
        put(variables, TlsSettings.KEY, tlsKey);
        put(variables, TlsSettings.RELOAD_CHECK, tlsReloadCheck);
        put(variables, TrustedProxies.VARIABLE, trustedProxies);
        put(variables, CorsOrigins.VARIABLE, corsOrigins);
        return LudusConfig.from(variables);
    }

    private static void put(Map<String, String> variables, String name, String value) {
        if (value != null) {
            variables.put(name, value);
        }
    }
}
