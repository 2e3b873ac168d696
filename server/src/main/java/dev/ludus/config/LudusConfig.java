package dev.ludus.config;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server's configuration, validated once at start-up and immutable afterwards.
 *
 * <p>Every setting comes from a {@code LUDUS_*} environment variable, and each can be overridden by a
 * {@code serve} flag of the same name. {@link #from(Map)} reads the variables and throws a
 * {@link ConfigException} naming the first variable whose value is unusable.
 *
 * @param port TCP port of the HTTP listener (0 picks a free one, which tests use)
 * @param dataDir directory for the SQLite file and the generated operator key
 * @param dbUrl JDBC URL of a PostgreSQL database; empty for the embedded SQLite store
 * @param adminKey operator key; empty to use (or generate) the one kept in the data directory
 * @param issuer {@code iss} of the tokens Ludus signs itself; empty for {@code http://localhost:<port>}
 *     ({@code https://} when TLS is on)
 * @param logFormat {@code text} or {@code json}
 * @param authTokenRate requests per second one client may make to the token endpoints, sustained
 * @param authTokenBurst requests one client may make at once before the rate applies
 * @param ecdsaSunset when legacy ECDSA request signing is to stop working (the {@code Sunset} header)
 * @param eventMaxAge how far in the past an event's {@code occurred_at} may be
 * @param eventMaxSkew how far in the future an event's {@code occurred_at} may be (clock skew)
 * @param writeQueue how many writes may wait for the group commit before requests answer 503
 * @param idempotencyRetention how long the answer to a request with an idempotency key is kept for replay
 * @param redisUrl {@code redis://} or {@code rediss://} URL of the Redis that holds the leaderboards
 *     shared by several nodes; empty when each node keeps its leaderboards in memory
 * @param webhookAllowPrivate whether webhook URLs may resolve to loopback, private, link-local or metadata addresses
 * @param expirySweepInterval how often each node looks for points whose lifetime ended in balances no
 *     write has touched since ({@code LUDUS_EXPIRY_SWEEP_INTERVAL}, PT1S to PT1H, default PT1M)
 * @param webhookTimeout the connect and request timeout of one webhook delivery attempt
 * @param webhookConcurrency how many webhook deliveries one node makes at once
 * @param webhookEndpointConcurrency how many of them may be to one endpoint
 * @param webhookMaxLag how late the node's deliveries to prompt endpoints may fall before new events
 *     wait for them ({@code LUDUS_WEBHOOK_MAX_LAG}, PT0S to turn it off, at most PT1M, default PT0.5S)
 * @param http the HTTP listener's timeouts and connection limit
 * @param store the store's connection pool and the group commit's writers and batch size
 * @param tls the certificate and key of HTTPS on the server's port; none for plain HTTP
 * @param trustedProxies the proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} are believed
 * @param corsOrigins browser origins every application allows, besides its own list
 */
public record LudusConfig(
        int port,
        Path dataDir,
        Optional<String> dbUrl,
        Optional<String> adminKey,
        Optional<String> issuer,
        LogFormat logFormat,
        double authTokenRate,
        int authTokenBurst,
        java.time.Instant ecdsaSunset,
        java.time.Duration eventMaxAge,
        java.time.Duration eventMaxSkew,
        int writeQueue,
        java.time.Duration idempotencyRetention,
        java.time.Duration expirySweepInterval,
        Optional<String> redisUrl,
        boolean webhookAllowPrivate,
        java.time.Duration webhookTimeout,
        int webhookConcurrency,
        int webhookEndpointConcurrency,
        java.time.Duration webhookMaxLag,
        HttpLimits http,
        StoreTuning store,
        TlsSettings tls,
        TrustedProxies trustedProxies,
        List<String> corsOrigins) {

    /** Shortest operator key accepted from {@code LUDUS_ADMIN_KEY}: 32 characters. */
    public static final int MIN_ADMIN_KEY_LENGTH = 32;

    public static final String PORT = "LUDUS_PORT";
    public static final String DATA_DIR = "LUDUS_DATA_DIR";
    public static final String DB_URL = "LUDUS_DB_URL";
    public static final String ADMIN_KEY = "LUDUS_ADMIN_KEY";
    public static final String ISSUER = "LUDUS_ISSUER";
    public static final String LOG_FORMAT = "LUDUS_LOG_FORMAT";
    public static final String AUTH_TOKEN_RATE = "LUDUS_AUTH_TOKEN_RATE";
    public static final String AUTH_TOKEN_BURST = "LUDUS_AUTH_TOKEN_BURST";
    public static final String ECDSA_SUNSET = "LUDUS_ECDSA_SUNSET";
    public static final String EVENT_MAX_AGE = "LUDUS_EVENT_MAX_AGE";
    public static final String EVENT_MAX_SKEW = "LUDUS_EVENT_MAX_SKEW";
    public static final String WRITE_QUEUE = "LUDUS_WRITE_QUEUE";
    public static final String IDEMPOTENCY_RETENTION = "LUDUS_IDEMPOTENCY_RETENTION";
    public static final String REDIS_URL = "LUDUS_REDIS_URL";
    public static final String WEBHOOK_ALLOW_PRIVATE = "LUDUS_WEBHOOK_ALLOW_PRIVATE";
    public static final String WEBHOOK_TIMEOUT = "LUDUS_WEBHOOK_TIMEOUT";
    public static final String EXPIRY_SWEEP_INTERVAL = "LUDUS_EXPIRY_SWEEP_INTERVAL";
    public static final String WEBHOOK_CONCURRENCY = "LUDUS_WEBHOOK_CONCURRENCY";
    public static final String WEBHOOK_ENDPOINT_CONCURRENCY = "LUDUS_WEBHOOK_ENDPOINT_CONCURRENCY";
    public static final String WEBHOOK_MAX_LAG = "LUDUS_WEBHOOK_MAX_LAG";
    /**
     * Every variable the server's configuration reads, in the order of the documentation's table:
     * the names {@link UnknownVariables} knows as settings.
     */
    public static final List<String> VARIABLES = List.of(PORT, DATA_DIR, DB_URL, ADMIN_KEY, ISSUER, LOG_FORMAT,
            AUTH_TOKEN_RATE, AUTH_TOKEN_BURST, ECDSA_SUNSET, EVENT_MAX_AGE, EVENT_MAX_SKEW, WRITE_QUEUE,
            IDEMPOTENCY_RETENTION, EXPIRY_SWEEP_INTERVAL, REDIS_URL, WEBHOOK_ALLOW_PRIVATE, WEBHOOK_TIMEOUT,
            WEBHOOK_CONCURRENCY,
            WEBHOOK_ENDPOINT_CONCURRENCY, WEBHOOK_MAX_LAG,
            HttpLimits.IDLE_TIMEOUT, HttpLimits.HEADER_TIMEOUT, HttpLimits.BODY_TIMEOUT, HttpLimits.MAX_CONNECTIONS,
            StoreTuning.POOL_SIZE, StoreTuning.WRITERS, StoreTuning.WRITE_BATCH,
            TlsSettings.CERT, TlsSettings.KEY, TlsSettings.RELOAD_CHECK, TrustedProxies.VARIABLE, CorsOrigins.VARIABLE);
    /** Default {@code Sunset} of ECDSA request signing. */
    public static final String DEFAULT_ECDSA_SUNSET = "2027-12-31T00:00:00Z";

    /** Log line format. */
    public enum LogFormat { TEXT, JSON }

    public LudusConfig {
        corsOrigins = List.copyOf(corsOrigins);
        if (port < 0 || port > 65535) {
            throw new ConfigException(PORT, "must be a port number from 0 to 65535, was " + port);
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        if (dbUrl.isPresent() && !dbUrl.get().startsWith("jdbc:postgresql:")) {
            throw new ConfigException(DB_URL, "must be a PostgreSQL JDBC URL starting with jdbc:postgresql:");
        }
        if (adminKey.isPresent() && adminKey.get().length() < MIN_ADMIN_KEY_LENGTH) {
            throw new ConfigException(ADMIN_KEY, "must be at least " + MIN_ADMIN_KEY_LENGTH
                    + " characters long (leave it unset to have one generated)");
        }
        if (issuer.isPresent()) {
            validateIssuer(issuer.get());
        }
        if (!(authTokenRate > 0 && authTokenRate <= 10_000)) {
            throw new ConfigException(AUTH_TOKEN_RATE, "must be a number of requests per second above 0 and at most 10000");
        }
        if (authTokenBurst < 1 || authTokenBurst > 100_000) {
            throw new ConfigException(AUTH_TOKEN_BURST, "must be a whole number from 1 to 100000");
        }
        if (eventMaxAge.isNegative() || eventMaxAge.compareTo(java.time.Duration.ofDays(3650)) > 0) {
            throw new ConfigException(EVENT_MAX_AGE, "must be a duration from PT0S to P3650D");
        }
        if (eventMaxSkew.isNegative() || eventMaxSkew.compareTo(java.time.Duration.ofDays(1)) > 0) {
            throw new ConfigException(EVENT_MAX_SKEW, "must be a duration from PT0S to P1D");
        }
        if (writeQueue < 1 || writeQueue > 1_000_000) {
            throw new ConfigException(WRITE_QUEUE, "must be a whole number from 1 to 1000000");
        }
        if (idempotencyRetention.compareTo(java.time.Duration.ofHours(1)) < 0
                || idempotencyRetention.compareTo(java.time.Duration.ofDays(3650)) > 0) {
            throw new ConfigException(IDEMPOTENCY_RETENTION, "must be a duration from PT1H to P3650D");
        }
        if (redisUrl.isPresent() && !(redisUrl.get().startsWith("redis://") || redisUrl.get().startsWith("rediss://"))) {
            // not echoed: the URL may carry a password
            throw new ConfigException(REDIS_URL, "must be a Redis URL starting with redis:// or rediss://");
        }
        if (expirySweepInterval.compareTo(java.time.Duration.ofSeconds(1)) < 0
                || expirySweepInterval.compareTo(java.time.Duration.ofHours(1)) > 0) {
            throw new ConfigException(EXPIRY_SWEEP_INTERVAL, "must be a duration from PT1S to PT1H");
        }
        if (webhookTimeout.compareTo(java.time.Duration.ofSeconds(1)) < 0
                || webhookTimeout.compareTo(java.time.Duration.ofMinutes(5)) > 0) {
            throw new ConfigException(WEBHOOK_TIMEOUT, "must be a duration from PT1S to PT5M");
        }
        if (webhookConcurrency < 1 || webhookConcurrency > 1024) {
            throw new ConfigException(WEBHOOK_CONCURRENCY, "must be a whole number from 1 to 1024");
        }
        if (webhookEndpointConcurrency < 1 || webhookEndpointConcurrency > 1024) {
            throw new ConfigException(WEBHOOK_ENDPOINT_CONCURRENCY, "must be a whole number from 1 to 1024");
        }
        if (webhookMaxLag.isNegative() || webhookMaxLag.compareTo(java.time.Duration.ofMinutes(1)) > 0) {
            throw new ConfigException(WEBHOOK_MAX_LAG, "must be a duration from PT0S (off) to PT1M");
        }
        if (dbUrl.isEmpty() && store.writers() != 1) {
            // SQLite commits one transaction at a time: a second writer would only wait for the first
            throw new ConfigException(StoreTuning.WRITERS, "must be 1 on SQLite, which commits one transaction at a "
                    + "time (more writers need PostgreSQL, LUDUS_DB_URL), was " + store.writers());
        }
    }

    /** Reads the configuration from environment-style variables; unset or blank means the default. */
    public static LudusConfig from(Map<String, String> variables) {
        return from(variables, HttpLimits.openFileLimit());
    }

    /** As {@link #from(Map)}, for a process whose open-file limit is {@code openFileLimit}. */
    public static LudusConfig from(Map<String, String> variables, long openFileLimit) {
        return new LudusConfig(
                parsePort(value(variables, PORT).orElse("8080")),
                Path.of(value(variables, DATA_DIR).orElse("./data")),
                value(variables, DB_URL),
                value(variables, ADMIN_KEY),
                value(variables, ISSUER),
                parseLogFormat(value(variables, LOG_FORMAT).orElse("text")),
                parseNumber(AUTH_TOKEN_RATE, value(variables, AUTH_TOKEN_RATE).orElse("10")),
                (int) parseNumber(AUTH_TOKEN_BURST, value(variables, AUTH_TOKEN_BURST).orElse("20")),
                parseInstant(ECDSA_SUNSET, value(variables, ECDSA_SUNSET).orElse(DEFAULT_ECDSA_SUNSET)),
                parseDuration(EVENT_MAX_AGE, value(variables, EVENT_MAX_AGE).orElse("P7D")),
                parseDuration(EVENT_MAX_SKEW, value(variables, EVENT_MAX_SKEW).orElse("PT5M")),
                parseWholeInt(WRITE_QUEUE, value(variables, WRITE_QUEUE).orElse("4096")),
                parseDuration(IDEMPOTENCY_RETENTION, value(variables, IDEMPOTENCY_RETENTION).orElse("P7D")),
                parseDuration(EXPIRY_SWEEP_INTERVAL, value(variables, EXPIRY_SWEEP_INTERVAL).orElse("PT1M")),
                value(variables, REDIS_URL),
                parseBoolean(WEBHOOK_ALLOW_PRIVATE, value(variables, WEBHOOK_ALLOW_PRIVATE).orElse("false")),
                parseDuration(WEBHOOK_TIMEOUT, value(variables, WEBHOOK_TIMEOUT).orElse("PT15S")),
                parseWholeInt(WEBHOOK_CONCURRENCY, value(variables, WEBHOOK_CONCURRENCY).orElse("64")),
                parseWholeInt(WEBHOOK_ENDPOINT_CONCURRENCY, value(variables, WEBHOOK_ENDPOINT_CONCURRENCY).orElse("16")),
                parseDuration(WEBHOOK_MAX_LAG, value(variables, WEBHOOK_MAX_LAG).orElse("PT0.5S")),
                HttpLimits.from(variables, openFileLimit),
                StoreTuning.from(variables, value(variables, DB_URL).isPresent()),
                TlsSettings.from(variables),
                TrustedProxies.from(variables),
                CorsOrigins.from(variables));
    }

    /** Each group-commit writer's share of {@link #writeQueue()}. */
    public int writeQueuePerWriter() {
        return store.queuePerWriter(writeQueue);
    }

    /**
     * The issuer of server-signed tokens: the configured one, or {@code http://localhost:<port>}
     * ({@code https://localhost:<port>} when the server speaks HTTPS).
     */
    public String effectiveIssuer(int boundPort) {
        return issuer.orElse((tls.enabled() ? "https" : "http") + "://localhost:" + boundPort);
    }

    static Optional<String> value(Map<String, String> variables, String name) {
        String raw = variables.get(name);
        return raw == null || raw.isBlank() ? Optional.empty() : Optional.of(raw.strip());
    }

    private static int parsePort(String raw) {
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(PORT, "must be a port number from 0 to 65535, was '" + raw + "'");
        }
    }

    private static java.time.Instant parseInstant(String variable, String raw) {
        try {
            return java.time.Instant.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(variable, "must be an ISO 8601 UTC instant such as 2027-12-31T00:00:00Z, was '"
                    + raw + "'");
        }
    }

    static java.time.Duration parseDuration(String variable, String raw) {
        try {
            return java.time.Duration.parse(raw);
        } catch (java.time.format.DateTimeParseException e) {
            throw new ConfigException(variable, "must be an ISO 8601 duration such as P7D or PT5M, was '" + raw + "'");
        }
    }

    /**
     * A whole number for an {@code int} setting: one beyond the {@code int} range becomes its nearest
     * end, which every range check then refuses, instead of wrapping round into range.
     */
    private static int parseWholeInt(String variable, String raw) {
        return Math.clamp(parseWhole(variable, raw), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    static long parseWhole(String variable, String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(variable, "must be a whole number, was '" + raw + "'");
        }
    }

    private static double parseNumber(String variable, String raw) {
        try {
            double value = Double.parseDouble(raw);
            if (variable.equals(AUTH_TOKEN_BURST) && value != Math.rint(value)) {
                throw new ConfigException(variable, "must be a whole number, was '" + raw + "'");
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(variable, "must be a number, was '" + raw + "'");
        }
    }

    private static boolean parseBoolean(String variable, String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(variable, "must be 'true' or 'false', was '" + raw + "'");
        };
    }

    private static LogFormat parseLogFormat(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new ConfigException(LOG_FORMAT, "must be 'text' or 'json', was '" + raw + "'");
        };
    }

    private static void validateIssuer(String issuer) {
        try {
            URI uri = new URI(issuer);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                throw new ConfigException(ISSUER, "must be an absolute http(s) URL, was '" + issuer + "'");
            }
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException(ISSUER, "must be an absolute http(s) URL, was '" + issuer + "'");
        }
    }
}
