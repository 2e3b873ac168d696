package dev.ludus.client;

import dev.ludus.client.internal.ApplicationTokenAuthentication;
import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.ClientCredentialsAuthentication;
import dev.ludus.client.internal.ClientOptions;
import dev.ludus.client.internal.EcdsaAuthentication;
import dev.ludus.client.internal.JsonSupport;
import dev.ludus.client.internal.Transport;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A client of one Ludus application, authenticated one way for its whole life. Thread-safe: build one
 * and share it (the client-credentials token cache and the connection pool live in it).
 *
 * <pre>{@code
 * LudusClient ludus = LudusClient.builder()
 *         .baseUrl("http://localhost:8080")
 *         .clientCredentials(System.getenv("LUDUS_CLIENT_ID"), System.getenv("LUDUS_CLIENT_SECRET"))
 *         .build();
 * Verification who = ludus.auth().verify();
 * EventAnswer answer = ludus.events().send(Event.builder("steps").userId("user_123").value(1200).build());
 * }</pre>
 *
 * Every call throws {@link LudusException} when it fails.
 */
public final class LudusClient {

    private final Transport transport;
    private final Authentication authentication;

    private LudusClient(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code GET /v1/auth/verify} and token revocation. */
    public AuthApi auth() {
        return new AuthApi(transport, authentication);
    }

    /** The calling application's settings and secrets (scope {@code admin}). */
    public ApplicationApi application() {
        return new ApplicationApi(transport, authentication);
    }

    /** The calling application's legacy ECDSA keys (scope {@code admin}). */
    public EcdsaKeysApi ecdsaKeys() {
        return new EcdsaKeysApi(transport, authentication);
    }

    /** {@code /v1/metrics}: define, read, list and archive metrics. */
    public MetricsApi metrics() {
        return new MetricsApi(transport, authentication);
    }

    /** {@code /v1/points}: define, read, list and archive points systems. */
    public PointsSystemsApi pointsSystems() {
        return new PointsSystemsApi(transport, authentication);
    }

    /** {@code /v1/achievements}: define, read and archive achievements; the catalog with completions and rarity. */
    public AchievementsApi achievements() {
        return new AchievementsApi(transport, authentication);
    }

    /** {@code /v1/streaks}: define, read, list and archive streaks. */
    public StreaksApi streaks() {
        return new StreaksApi(transport, authentication);
    }

    /**
     * {@code /v1/rewards}: define, read, list and archive rewards; a reward's redemptions; read, fulfill
     * and cancel a redemption ({@code /v1/redemptions/{id}}).
     */
    public RewardsApi rewards() {
        return new RewardsApi(transport, authentication);
    }

    /**
     * {@code /v1/quests}: define, read, list and archive quests. Joining one, a user's standing and
     * history are in {@link #users()}.
     */
    public QuestsApi quests() {
        return new QuestsApi(transport, authentication);
    }

    /**
     * {@code /v1/teams}: create, read, list and delete teams; add and remove members, list a team's
     * members; a team's standing in the team quests. A user's teams are in {@link #users()}.
     */
    public TeamsApi teams() {
        return new TeamsApi(transport, authentication);
    }

    /**
     * {@code /v1/team_leaderboards}: define, read, list and archive boards ranking teams; read a period's
     * ranking and a team's place.
     */
    public TeamLeaderboardsApi teamLeaderboards() {
        return new TeamLeaderboardsApi(transport, authentication);
    }

    /** {@code /v1/leaderboards}: define, list and archive boards; read their top, a user's window and rank. */
    public LeaderboardsApi leaderboards() {
        return new LeaderboardsApi(transport, authentication);
    }

    /** {@code /v1/webhooks}: endpoints, their secrets, delivery logs, replays and pings (scope {@code admin}). */
    public WebhooksApi webhooks() {
        return new WebhooksApi(transport, authentication);
    }

    /** {@code /v1/stats}: the application's usage figures by UTC hour or day (scope {@code admin}). */
    public StatsApi stats() {
        return new StatsApi(transport, authentication);
    }

    /**
     * {@code /v1/export}: every event and every user of the application, streamed a line at a time
     * (scope {@code admin}). One user's whole record is {@link UsersApi#export(String)}.
     */
    public ExportsApi exports() {
        return new ExportsApi(transport, authentication);
    }

    /** {@code /v1/events}: record events, one at a time or in batches, with idempotency keys. */
    public EventsApi events() {
        return new EventsApi(transport, authentication);
    }

    /**
     * {@code /v1/users/{id}/...}: profiles, progress, points adjustments and history, completions,
     * streak standings, histories and freeze grants, reward redemptions, team memberships, quests
     * (joining, standings, history), clearing a flag, everything held about a user (export), erasure.
     */
    public UsersApi users() {
        return new UsersApi(transport, authentication);
    }

    /**
     * A view of this client that acts for one user of the application: its requests carry application
     * tokens with {@code sub} = {@code userId} and scopes {@code read} and {@code write}. Shares the
     * connection pool. Only for a client built with {@link Builder#applicationToken}.
     */
    public LudusClient asUser(String userId) {
        if (!(authentication instanceof ApplicationTokenAuthentication)) {
            throw new IllegalStateException("asUser needs a client built with applicationToken(...): "
                    + "only the API secret can mint tokens for a user");
        }
        return new LudusClient(transport, ((ApplicationTokenAuthentication) authentication).forUser(userId));
    }

    /**
     * Invalidates the cached auth token at the server ({@code DELETE /v1/auth_token}) and forgets it;
     * the next call gets a new one. Does nothing when no token is cached. Only for a client built with
     * {@link Builder#clientCredentials}.
     */
    public void invalidateToken() {
        if (!(authentication instanceof ClientCredentialsAuthentication)) {
            throw new IllegalStateException("invalidateToken needs a client built with clientCredentials(...)");
        }
        ((ClientCredentialsAuthentication) authentication).invalidate();
    }

    /**
     * Chooses the server, exactly one authentication method and the options, then {@link #build()}s.
     * Defaults: connect timeout 5 s, request timeout 30 s, 2 retries of 429/503 (and, for writes sent
     * with an idempotency key, of timeouts and broken connections) waiting at most 30 s,
     * application tokens of 5 minutes, the system UTC clock, no {@code Accept-Language}.
     */
    public static final class Builder {

        private enum Method { APPLICATION_TOKEN, CLIENT_CREDENTIALS, ECDSA }

        private URI baseUrl;
        private Method method;
        private String tenantId;
        private String applicationId;
        private String secret;
        private String clientId;
        private BigInteger privateKey;
        private String subject = "server";
        private List<String> scopes = List.of("users:read", "users:write");
        private Duration tokenLifetime = Duration.ofMinutes(5);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private int maxRetries = 2;
        private Duration maxRetryDelay = Duration.ofSeconds(30);
        private Clock clock = Clock.systemUTC();
        private String acceptLanguage;

        private Builder() { }

        /** The server, e.g. {@code http://localhost:8080} (a path prefix is kept). */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = URI.create(Objects.requireNonNull(baseUrl, "baseUrl"));
            return this;
        }

        /**
         * Mint HS256 application tokens with the API secret ({@code sk_...}), one per request. The
         * server-side identity is {@link #subject} ({@code server}) with {@link #scopes}
         * ({@code users:read users:write}); {@link LudusClient#asUser} acts for one user.
         */
        public Builder applicationToken(String tenantId, String applicationId, String apiSecret) {
            choose(Method.APPLICATION_TOKEN);
            this.tenantId = tenantId;
            this.applicationId = applicationId;
            this.secret = apiSecret;
            return this;
        }

        /** Get auth tokens at {@code POST /v1/auth_token} with the client credentials, cached (spec 003). */
        public Builder clientCredentials(String clientId, String clientSecret) {
            choose(Method.CLIENT_CREDENTIALS);
            this.clientId = clientId;
            this.secret = clientSecret;
            return this;
        }

        /**
         * Sign every request with a legacy ECDSA (secp256k1) key. Deprecated by the server: the client
         * logs a warning on its first request. Needs {@code org.bouncycastle:bcprov-jdk18on}.
         */
        public Builder ecdsa(String applicationId, BigInteger privateKey) {
            choose(Method.ECDSA);
            this.applicationId = applicationId;
            this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
            return this;
        }

        /** As {@link #ecdsa(String, BigInteger)}, the key as 64 hex digits with or without {@code 0x}. */
        public Builder ecdsa(String applicationId, String privateKeyHex) {
            Objects.requireNonNull(privateKeyHex, "privateKeyHex");
            String digits = privateKeyHex.startsWith("0x") ? privateKeyHex.substring(2) : privateKeyHex;
            if (!digits.matches("[0-9a-fA-F]{1,64}")) {
                throw new IllegalArgumentException("privateKeyHex must be at most 64 hex digits");
            }
            return ecdsa(applicationId, new BigInteger(digits, 16));
        }

        /** The {@code sub} of server-side application tokens (default {@code server}). */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The {@code scope} of server-side application tokens (default {@code users:read users:write}). */
        public Builder scopes(String... scopes) {
            this.scopes = List.of(scopes);
            return this;
        }

        /** Lifetime of each minted application token (default 5 minutes, at most 24 hours). */
        public Builder tokenLifetime(Duration lifetime) {
            this.tokenLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        /** Longest wait for one answer (default 30 s); a late answer throws {@code timeout}. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = timeout;
            return this;
        }

        /**
         * How often a 429 or 503 is retried (default 2, 0 to 10); for calls sent with an idempotency key
         * (events, adjustments, completions, freeze grants, redemptions, quest joins), also a timeout or a
         * broken connection.
         */
        public Builder maxRetries(int retries) {
            this.maxRetries = retries;
            return this;
        }

        /** Longest wait before a retry (default 30 s); a longer {@code Retry-After} fails at once. */
        public Builder maxRetryDelay(Duration delay) {
            this.maxRetryDelay = delay;
            return this;
        }

        /** The clock for token lifetimes, the token cache and ECDSA timestamps (tests move it). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The languages answers name rules in, sent as the {@code Accept-Language} header of every request,
         * e.g. {@code "fr, en;q=0.5"}: for a user without a {@link User#locale() locale} of their own, the
         * server picks each rule's name in the first of these languages (by weight) that the rule has, else
         * in the application's {@link Application#defaultLanguage() default language}. Null (the default):
         * no header. Definitions read back are not affected: they carry every language given.
         */
        public Builder acceptLanguage(String acceptLanguage) {
            this.acceptLanguage = acceptLanguage;
            return this;
        }

        private void choose(Method chosen) {
            if (method != null) {
                throw new IllegalStateException("choose one authentication method; already chose " + method);
            }
            method = chosen;
        }

        public LudusClient build() {
            if (baseUrl == null) {
                throw new IllegalStateException("baseUrl is not set");
            }
            if (method == null) {
                throw new IllegalStateException(
                        "no authentication method: call applicationToken, clientCredentials or ecdsa");
            }
            ClientOptions options = new ClientOptions(baseUrl, connectTimeout, requestTimeout, maxRetries,
                    maxRetryDelay, clock, acceptLanguage);
            Transport transport = new Transport(options, JsonSupport.mapper());
            switch (method) {
                case APPLICATION_TOKEN:
                    return new LudusClient(transport, new ApplicationTokenAuthentication(tenantId, applicationId,
                            secret, subject, scopes, tokenLifetime, clock, transport.json()));
                case CLIENT_CREDENTIALS:
                    return new LudusClient(transport,
                            new ClientCredentialsAuthentication(transport, clientId, secret));
                default:
                    return new LudusClient(transport, ecdsaAuthentication(options));
            }
        }

        /** Kept apart so that BouncyCastle is resolved only when ECDSA is chosen. */
        private Authentication ecdsaAuthentication(ClientOptions options) {
            try {
                return new EcdsaAuthentication(applicationId, privateKey, options.clock());
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("ECDSA signing needs BouncyCastle: add the dependency "
                        + "org.bouncycastle:bcprov-jdk18on", e);
            }
        }
    }
}
