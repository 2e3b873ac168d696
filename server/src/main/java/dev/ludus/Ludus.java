package dev.ludus;

import dev.ludus.auth.ApplicationTokenVerifier;
import dev.ludus.auth.AuthTokenRoutes;
import dev.ludus.auth.AuthTokenService;
import dev.ludus.auth.BearerVerifier;
import dev.ludus.auth.ClientAuthenticator;
import dev.ludus.auth.EcdsaVerifier;
import dev.ludus.auth.NonceStore;
import dev.ludus.auth.OAuthRoutes;
import dev.ludus.auth.RateLimiter;
import dev.ludus.auth.ServerTokenVerifier;
import dev.ludus.auth.SigningKeys;
import dev.ludus.auth.AuthEventLog;
import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.AuthRoutes;
import dev.ludus.auth.RevocationCache;
import dev.ludus.auth.RevocationService;
import dev.ludus.secrets.Secrets;
import dev.ludus.cli.LudusCli;
import dev.ludus.config.HttpLimits;
import dev.ludus.config.LudusConfig;
import dev.ludus.http.ApiException;
import dev.ludus.http.ClientClosedRequest;
import dev.ludus.http.DirectProblems;
import dev.ludus.http.Http10Refusal;
import dev.ludus.http.HttpListener;
import dev.ludus.http.Json;
import dev.ludus.http.ProblemHandler;
import dev.ludus.http.ReadTimeoutSocketOptions;
import dev.ludus.http.RequestDeadlines;
import dev.ludus.http.RequestFilter;
import dev.ludus.http.RouteTable;
import dev.ludus.ops.OpsRoutes;
import dev.ludus.engine.Refusal;
import dev.ludus.events.ChangeListener;
import dev.ludus.events.EventRequest;
import dev.ludus.events.EventRoutes;
import dev.ludus.events.EventService;
import dev.ludus.events.ProgressService;
import dev.ludus.leaderboard.LeaderboardHooks;
import dev.ludus.leaderboard.LeaderboardKind;
import dev.ludus.leaderboard.LeaderboardListener;
import dev.ludus.leaderboard.LeaderboardQueries;
import dev.ludus.leaderboard.LeaderboardRoutes;
import dev.ludus.leaderboard.LeaderboardService;
import dev.ludus.leaderboard.Rankings;
import dev.ludus.leaderboard.Standings;
import dev.ludus.rules.RuleRoutes;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.kinds.AchievementHooks;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import dev.ludus.rules.kinds.StreakKind;
import dev.ludus.store.Database;
import dev.ludus.store.GroupCommit;
import dev.ludus.profiles.UserStore;
import dev.ludus.tenancy.ApplicationDirectory;
import dev.ludus.tenancy.EcdsaKeyRoutes;
import dev.ludus.tenancy.OperatorFilter;
import dev.ludus.tenancy.OperatorKey;
import dev.ludus.tenancy.TenancyRoutes;
import dev.ludus.tenancy.TenancyService;
import dev.ludus.users.UserRoutes;
import dev.ludus.webhook.WebhookListener;
import dev.ludus.webhook.WebhookRoutes;
import dev.ludus.webhook.LeaderboardNotices;
import dev.ludus.webhook.Webhooks;
import dev.ludus.leaderboard.FinishedPeriods;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.RequestException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component by hand, in dependency order, and owns their
 * lifecycle. {@link #routing} is the one routing that production and tests share.
 */
public final class Ludus implements AutoCloseable {

    /** How often each node reads the auth change feed (the bound on cross-node revocation delay). */
    public static final Duration AUTH_FEED_POLL_INTERVAL = Duration.ofSeconds(1);
    /**
     * The web server's own limit on a request body: 64 MiB. The API's limit is lower
     * ({@link dev.ludus.http.RequestBodies#MAX_BYTES}) and answers problem+json; this one only stops
     * bodies no endpoint accepts before they are read.
     */
    public static final long MAX_PAYLOAD_BYTES = 64L * 1024 * 1024;
    /** The longest request line (method, URI, version) the server reads: longer ones answer 414. */
    public static final int MAX_REQUEST_LINE_BYTES = 4096;
    /** How often the watchdog checks that the HTTP listener still accepts connections. */
    public static final Duration LISTENER_CHECK = Duration.ofSeconds(1);
    /** How often each node looks for finished leaderboard periods to announce. */
    public static final Duration LEADERBOARD_PERIOD_SCAN = Duration.ofSeconds(5);
    /**
     * How often each node checks its leaderboard indexes (whether Redis answers and accepts writes,
     * whether it restarted or was flushed) and repairs doubted ones from the store.
     */
    public static final Duration LEADERBOARD_INDEX_CHECK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(Ludus.class);

    private final Database database;
    private final HttpListener listener;
    private final List<RouteTable.Route> routes;
    private final OperatorKey operatorKey;
    /** Everything started, closed last first by {@link #close()}. */
    private final Closer closer;

    private Ludus(Database database, HttpListener listener, List<RouteTable.Route> routes, OperatorKey operatorKey,
            Closer closer) {
        this.database = database;
        this.listener = listener;
        this.routes = routes;
        this.operatorKey = operatorKey;
        this.closer = closer;
    }

    public static void main(String[] args) {
        System.exit(LudusCli.run(args, Ludus::serve));
    }

    /** Starts the server and blocks until the JVM is asked to stop (SIGTERM, Ctrl-C). */
    private static void serve(LudusConfig config) {
        Ludus ludus = start(config, Clock.systemUTC());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("shutting down");
            ludus.close();
        }, "ludus-shutdown"));
        ludus.operatorKey.file().ifPresent(file -> System.out.println((ludus.operatorKey.generated()
                ? "generated the operator key in " : "operator key: ") + file));
        System.out.println("Ludus listening on http://localhost:" + ludus.port() + " (store: "
                + ludus.database.vendor().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    /** Builds and starts everything; the caller must {@link #close()} it. */
    public static Ludus start(LudusConfig config, Clock clock) {
        long started = System.nanoTime();
        Closer closer = new Closer();
        Database database = closer.add("the store",
                config.dbUrl().map(url -> Database.postgresql(url, config.store().poolSize()))
                        .orElseGet(() -> Database.sqlite(config.dataDir(), config.store().poolSize())));
        try {
            Secrets secrets = new Secrets();
            Json json = new Json();
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);

            AtomicReference<String> issuer = new AtomicReference<>(config.effectiveIssuer(config.port()));
            AuthEventLog feed = closer.add("the auth change feed",
                    new AuthEventLog(database.jdbi(), clock, AUTH_FEED_POLL_INTERVAL));
            // the ranking index outlives the writers that update it
            Rankings rankings = closer.add("the ranking index", Rankings.of(config.redisUrl()));
            Standings standings = closer.add("the leaderboard standings",
                    new Standings(database.jdbi(), rankings).start(LEADERBOARD_INDEX_CHECK));
            RevocationCache revocationCache = new RevocationCache(clock);
            RevocationService revocations = new RevocationService(database.jdbi(), feed, clock);
            TenancyService tenancy = new TenancyService(database.jdbi(), feed, revocations, secrets, clock);
            ApplicationDirectory directory = new ApplicationDirectory(tenancy);
            SigningKeys signingKeys = new SigningKeys(database.jdbi(), feed, secrets, clock, AuthTokenService.LIFETIME);
            feed.subscribe(revocationCache);
            feed.subscribe(directory);
            feed.subscribe(signingKeys);
            feed.start();
            signingKeys.start();

            BearerVerifier verifier = new BearerVerifier(
                    new ApplicationTokenVerifier(directory, revocationCache, clock),
                    new ServerTokenVerifier(signingKeys, directory, revocationCache, issuer::get,
                            AuthTokenService.LIFETIME.toSeconds(), clock),
                    directory, signingKeys, revocationCache, clock);
            EcdsaVerifier ecdsa = new EcdsaVerifier(directory, new NonceStore(database.jdbi(), clock),
                    tenancy::recordEcdsaUse, clock);
            AuthFilter auth = new AuthFilter(verifier, ecdsa, config.ecdsaSunset(), registry);
            AuthTokenService authTokens = new AuthTokenService(database.jdbi(), signingKeys, revocationCache, secrets,
                    issuer::get, clock);
            ClientAuthenticator clients = new ClientAuthenticator(tenancy,
                    new RateLimiter(config.authTokenRate(), config.authTokenBurst(), clock), registry, clock);
            boolean sqlite = database.vendor() == Database.Vendor.SQLITE;
            GroupCommit commit = closer.add("the event writers", new GroupCommit(database.jdbi(), database.durability(), "events",
                    config.store().writers(), config.writeQueuePerWriter(), config.store().writeBatch(), registry,
                    failure -> failure instanceof ApiException || failure instanceof Refusal));
            RuleService rules = new RuleService(database.jdbi(), json, clock);
            Webhooks webhooks = closer.add("the webhook dispatcher", Webhooks.start(database.jdbi(), !sqlite,
                    config.webhookAllowPrivate(), config.webhookTimeout(), config.webhookConcurrency(), secrets, json,
                    clock));
            UserStore users = new UserStore(json, !sqlite);
            LeaderboardService leaderboards = new LeaderboardService(database.jdbi(), rules, users, standings, json, clock);
            List<ChangeListener> listeners = List.of(
                    new LeaderboardListener(leaderboards),
                    new WebhookListener(webhooks.outbox()));
            EventService events = new EventService(database.jdbi(), commit, rules, users, listeners, secrets, json,
                    config.idempotencyRetention(), tenancy::defaultTimezone, clock);
            if (!sqlite) {
                // a round trip per statement: read a batch's users in two statements, not two per event
                commit.prepareWith(events::prepare);
            }
            ProgressService progress = new ProgressService(database.jdbi(), rules, users, events, json,
                    tenancy::defaultTimezone, clock);
            rules.register(MetricKind.KIND);
            rules.register(PointsSystemKind.KIND);
            rules.register(AchievementKind.KIND, new AchievementHooks(progress));
            rules.register(StreakKind.KIND);
            rules.register(LeaderboardKind.KIND, new LeaderboardHooks(leaderboards));
            OperatorKey operatorKey = OperatorKey.resolve(config.adminKey(), config.dataDir(), secrets);
            HttpRouting.Builder routing = HttpRouting.builder();
            RequestDeadlines deadlines = closer.add("the request deadlines",
                    new RequestDeadlines(config.http().headerTimeout(), config.http().bodyTimeout(), registry));
            HttpListener listener = closer.add("the HTTP listener",
                    new HttpListener(webServer(config.http(), routing, deadlines, json), LISTENER_CHECK));
            Components components = new Components(json, registry, auth, new OperatorFilter(operatorKey, registry),
                    new OpsRoutes(database, registry, json, listener::accepting),
                    new TenancyRoutes(tenancy, auth, json),
                    new EcdsaKeyRoutes(tenancy, auth, json),
                    new AuthRoutes(auth, revocations, json, clock),
                    new AuthTokenRoutes(clients, authTokens, revocations, signingKeys, json, clock),
                    new OAuthRoutes(clients, authTokens, verifier, revocations, issuer::get, json, clock),
                    new RuleRoutes(rules, new TokenRuleAccess(auth), json),
                    new EventRoutes(events, auth, json,
                            new EventRequest.Window(config.eventMaxAge(), config.eventMaxSkew()), clock),
                    new UserRoutes(events, progress, auth, json),
                    new LeaderboardRoutes(new LeaderboardQueries(database.jdbi(), rules, standings, clock), auth, json),
                    new WebhookRoutes(webhooks, auth, json));

            List<RouteTable.Route> routes = routing(routing, components);
            listener.start(config.port());
            issuer.set(config.effectiveIssuer(listener.port()));
            leaderboards.warm();
            closer.add("the finished-period announcer", new FinishedPeriods(database.jdbi(), rules, standings,
                    new LeaderboardNotices(webhooks.outbox()), webhooks.outbox()::wake, clock,
                    LEADERBOARD_PERIOD_SCAN).start());
            LOG.info("started on port {} in {} ms", listener.port(), (System.nanoTime() - started) / 1_000_000);
            return new Ludus(database, listener, routes, operatorKey, closer);
        } catch (RuntimeException e) {
            closer.closeAfter(e);
            throw e;
        }
    }

    /**
     * Builds the web server for a port: the limits that keep slow and idle clients from holding every
     * connection, then the routing.
     */
    private static java.util.function.IntFunction<WebServer> webServer(HttpLimits limits, HttpRouting.Builder routing,
            RequestDeadlines deadlines, Json json) {
        return port -> WebServer.builder()
                .port(port)
                .maxPayloadSize(MAX_PAYLOAD_BYTES)
                // answers larger than a segment (a page of a leaderboard) otherwise wait ~40 ms
                // for the client's delayed ACK (Nagle's algorithm)
                // blocking socket streams rather than channels: only they honour the read timeout
                .useNio(false)
                .connectionOptions(new ReadTimeoutSocketOptions(SocketOptions.builder().tcpNoDelay(true).build(),
                        limits.idleTimeout()))
                .maxTcpConnections(limits.maxConnections() == 0 ? -1 : limits.maxConnections())
                .idleConnectionTimeout(limits.idleTimeout())
                .idleConnectionPeriod(idleCheckPeriod(limits.idleTimeout()))
                .directHandlers(DirectProblems.all(json))
                .addConnectionSelector(new Http10Refusal(json, MAX_REQUEST_LINE_BYTES))
                .addProtocol(Http1Config.builder()
                        .maxPrologueLength(MAX_REQUEST_LINE_BYTES)
                        .maxHeadersSize(4 * RequestFilter.MAX_HEADER_BYTES)
                        .addReceiveListener(deadlines.receiveListener())
                        .addSendListener(deadlines.sendListener())
                        .build())
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .routing(routing)
                .build();
    }

    /** How often idle connections are looked for: a quarter of the timeout, from 50 ms to 30 s. */
    private static Duration idleCheckPeriod(Duration idleTimeout) {
        return Duration.ofMillis(Math.clamp(idleTimeout.toMillis() / 4, 50, 30_000));
    }

    /** Everything {@link #routing} needs. */
    public record Components(Json json, PrometheusMeterRegistry registry, AuthFilter auth,
            OperatorFilter operatorFilter, OpsRoutes ops, TenancyRoutes tenancy, EcdsaKeyRoutes ecdsaKeys,
            AuthRoutes authRoutes,
            AuthTokenRoutes authTokenRoutes, OAuthRoutes oauthRoutes, RuleRoutes rules, EventRoutes events,
            UserRoutes users, LeaderboardRoutes leaderboards,
            WebhookRoutes webhooks) { }

    /**
     * The routing of the server: filters (request id and metrics, then operator and token
     * authentication), every route, the problem+json error mapping, and 404/405 for everything else.
     * Returns the registered routes.
     */
    public static List<RouteTable.Route> routing(HttpRouting.Builder routing, Components c) {
        ProblemHandler problems = new ProblemHandler(c.json());
        routing.addFilter(new RequestFilter(c.registry(), problems))
                .addFilter(c.operatorFilter())
                .addFilter(c.auth())
                .error(ClientClosedRequest.class, problems::handleClientClosed)
                .error(ApiException.class, problems::handle)
                .error(RequestException.class, problems::handleRequestException)
                .error(Throwable.class, problems::handleUnexpected);
        RouteTable routes = new RouteTable(routing);
        c.ops().register(routes);
        c.tenancy().register(routes);
        c.ecdsaKeys().register(routes);
        c.authRoutes().register(routes);
        c.authTokenRoutes().register(routes);
        c.oauthRoutes().register(routes);
        c.rules().register(routes);
        c.events().register(routes);
        c.users().register(routes);
        c.leaderboards().register(routes);
        c.webhooks().register(routes);
        routing.any(routes.fallback());
        return routes.routes();
    }

    /** The port the server listens on. */
    public int port() {
        return listener.port();
    }

    /** Every registered route. */
    public List<RouteTable.Route> routes() {
        return routes;
    }

    /**
     * Stops accepting requests, lets running ones finish, then stops the rest, the store last: all
     * of it in the reverse order of start-up, going on past a close that fails. Idempotent.
     */
    @Override
    public void close() {
        closer.close();
    }
}
