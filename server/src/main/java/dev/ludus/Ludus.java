package dev.ludus;

import dev.ludus.cli.LudusCli;
import dev.ludus.console.ConsoleFilter;
import dev.ludus.config.HttpLimits;
import dev.ludus.config.LudusConfig;
import dev.ludus.http.ApiException;
import dev.ludus.http.ClientClosedRequest;
import dev.ludus.http.DirectProblems;
import dev.ludus.http.ForwardedHeaders;
import dev.ludus.http.Http10Refusal;
import dev.ludus.http.HttpListener;
import dev.ludus.live.LiveFeed;
import dev.ludus.live.LiveListener;
import dev.ludus.live.PostgresqlRelay;
import dev.ludus.http.Json;
import dev.ludus.http.ProblemHandler;
import dev.ludus.http.ReadTimeoutSocketOptions;
import dev.ludus.http.RequestDeadlines;
import dev.ludus.http.RequestFilter;
import dev.ludus.http.RouteTable;
import dev.ludus.http.TlsReloader;
import dev.ludus.leaderboard.LeaderboardKind;
import dev.ludus.ops.OpsRoutes;
import dev.ludus.outcomes.OutcomeCounters;
import dev.ludus.profiles.UserStore;
import dev.ludus.rules.RuleRoutes;
import dev.ludus.rewards.RewardKind;
import dev.ludus.rewards.RewardRoutes;
import dev.ludus.rewards.RewardService;
import dev.ludus.rules.RuleService;
import dev.ludus.teams.TeamBoardKind;
import dev.ludus.teams.TeamBoardListener;
import dev.ludus.teams.TeamQuestCompletions;
import dev.ludus.teams.TeamQuestService;
import dev.ludus.quests.QuestKind;
import dev.ludus.quests.QuestRoutes;
import dev.ludus.quests.QuestService;
import dev.ludus.teams.TeamBoardService;
import dev.ludus.teams.TeamRoutes;
import dev.ludus.teams.TeamService;
import dev.ludus.rules.kinds.AchievementHooks;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import dev.ludus.rules.kinds.StreakKind;
import dev.ludus.stats.Stats;
import dev.ludus.stats.StatsRoutes;
import dev.ludus.store.Database;
import dev.ludus.store.GroupCommit;
import dev.ludus.tenancy.OperatorKey;
import io.helidon.common.socket.SocketOptions;
import io.helidon.http.RequestException;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http2.Http2Config;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every component by hand, feature by feature ({@link Platform},
 * {@link AccessFeature}, {@link LeaderboardFeature}, {@link WebhookFeature}, {@link EventFeature}),
 * registers the rule kinds and the listeners of applied changes, and owns the lifecycle through a
 * {@link Closer}. Tests start the same server through {@link #start}; the routing is not public.
 */
public final class Ludus implements AutoCloseable {

    /**
     * The web server's own limit on a request body: 64 MiB. The API's limit is lower
     * ({@link dev.ludus.http.RequestBodies#MAX_BYTES}) and answers problem+json; this one only stops
     * bodies no endpoint accepts before they are read.
     */
    public static final long MAX_PAYLOAD_BYTES = 64L * 1024 * 1024;
    /** The longest request line (method, URI, version) the server reads: longer ones answer 414. */
    public static final int MAX_REQUEST_LINE_BYTES = 4096;
    /** How many requests one HTTP/2 connection may have in flight at once. */
    public static final int MAX_HTTP2_STREAMS = 128;
    /** How often the watchdog checks that the HTTP listener still accepts connections. */
    public static final Duration LISTENER_CHECK = Duration.ofSeconds(1);

    private static final Logger LOG = LoggerFactory.getLogger(Ludus.class);

    private final Database database;
    private final HttpListener listener;
    private final List<RouteTable.Route> routes;
    private final OperatorKey operatorKey;
    /** {@code https} when the server serves TLS itself, else {@code http}. */
    private final String scheme;
    /** Everything started, closed last first by {@link #close()}. */
    private final Closer closer;

    private Ludus(Database database, HttpListener listener, List<RouteTable.Route> routes, OperatorKey operatorKey,
            String scheme, Closer closer) {
        this.database = database;
        this.listener = listener;
        this.routes = routes;
        this.operatorKey = operatorKey;
        this.scheme = scheme;
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
        System.out.println("Ludus listening on " + ludus.scheme + "://localhost:" + ludus.port() + " (store: "
                + ludus.database.vendor().name().toLowerCase(java.util.Locale.ROOT) + ")");
    }

    /**
     * Builds and starts everything, feature by feature; the caller must {@link #close()} it. What is
     * started is closed, last first, if a later step fails.
     */
    public static Ludus start(LudusConfig config, Clock clock) {
        long started = System.nanoTime();
        Closer closer = new Closer();
        try {
            // the TLS files first: a bad one stops start-up before the store is touched
            Optional<TlsReloader> tls = config.tls().enabled()
                    ? Optional.of(closer.add("the TLS reloader", new TlsReloader(config.tls())))
                    : Optional.empty();
            Platform platform = Platform.open(config, clock, closer);
            // before the filters that count requests, closed after the listener that serves them
            Stats stats = closer.add("the usage figures", Stats.start(platform.jdbi(), clock));
            AccessFeature access = AccessFeature.assemble(platform, stats::countRequest, closer);
            stats.flushWith(access.tenancy()::flushEcdsaKeyUses);
            RuleService rules = new RuleService(platform.jdbi(), platform.json(), clock);
            UserStore users = new UserStore(platform.json(), !platform.sqlite());
            LeaderboardFeature leaderboards = LeaderboardFeature.assemble(platform, access, rules, users, closer);
            GroupCommit writers = EventFeature.writers(platform, closer);
            WebhookFeature webhooks = WebhookFeature.assemble(platform, access, stats.attempts(), writers, closer);
            LiveFeed live = new LiveFeed(); // closed once the listener is up: see below
            Optional<PostgresqlRelay> relay = config.dbUrl()
                    .map(url -> closer.add("the live feed's relay", new PostgresqlRelay(url, live)));
            TeamQuestCompletions teamQuests = new TeamQuestCompletions(platform.jdbi(), rules, clock);
            EventFeature events = EventFeature.assemble(platform, access, rules, users, writers, List.of(
                    leaderboards.listener(),
                    webhooks.listener(),
                    new OutcomeCounters(platform.registry()),
                    stats.listener(),
                    new LiveListener(live, relay),
                    new TeamBoardListener(rules, teamQuests, platform.json())));
            teamQuests.bind(events.events());
            events.events().admitWith(webhooks.webhooks()::awaitDeliveries);
            // closed before the writers, whose partitions its payments write to
            closer.add("the team quest completions", teamQuests);
            // closed before the writers too, whose partitions its expiries write to
            closer.add("the expiry sweep", events.sweep(platform));
            rules.register(MetricKind.KIND);
            rules.register(PointsSystemKind.KIND);
            rules.register(AchievementKind.KIND, new AchievementHooks(events.progress()));
            rules.register(StreakKind.KIND);
            rules.register(LeaderboardKind.KIND, leaderboards.hooks());
            RewardService rewards = new RewardService(platform.jdbi(), events.events(), rules, platform.secrets());
            rules.register(RewardKind.KIND, rewards.hooks());
            rules.register(TeamBoardKind.KIND);
            rules.register(QuestKind.KIND);
            ConsoleFeature console = ConsoleFeature.assemble(platform, access, rules, events, leaderboards, webhooks, live, stats);

            HttpRouting.Builder routing = HttpRouting.builder();
            RequestDeadlines deadlines = closer.add("the request deadlines", new RequestDeadlines(
                    config.http().headerTimeout(), config.http().bodyTimeout(), platform.registry()));
            HttpListener listener = closer.add("the HTTP listener",
                    new HttpListener(webServer(config.http(), tls, routing, deadlines, platform.json()), LISTENER_CHECK));
            // closed before the listener, so that open live streams end and the listener stops at once
            closer.add("the live feed's watchers", live);
            List<Consumer<RouteTable>> features = new ArrayList<>();
            features.add(new OpsRoutes(platform.database(), platform.registry(), platform.json(),
                    listener::accepting)::register);
            features.addAll(access.routes());
            features.add(new RuleRoutes(rules, new TokenRuleAccess(access.auth()), platform.json())::register);
            features.addAll(events.routes());
            features.add(leaderboards.routes());
            features.add(new RewardRoutes(rewards, access.auth(), platform.json())::register);
            features.add(new TeamRoutes(new TeamService(platform.jdbi(), events.events(), platform.json(), clock),
                    new TeamBoardService(platform.jdbi(), rules, platform.json(), clock),
                    new TeamQuestService(platform.jdbi(), rules, platform.json(), clock), access.auth(),
                    platform.json())::register);
            features.add(new QuestRoutes(new QuestService(platform.jdbi(), events.events(), rules, users, platform.json(),
                    access.tenancy()::defaultTimezone, clock), access.auth(), platform.json())::register);
            features.add(webhooks.routes());
            features.add(new StatsRoutes(stats, access.auth(), platform.json())::register);
            features.add(new dev.ludus.exports.ExportRoutes(new dev.ludus.exports.ExportService(platform.jdbi(), users,
                    platform.json(), platform.sqlite()), rules, access.auth(), clock)::register);
            features.addAll(console.routes());
            List<RouteTable.Route> routes = routing(routing, platform, access, console.filter(),
                    new ForwardedHeaders(config.trustedProxies()), features);

            listener.start(config.port());
            tls.ifPresent(reloader -> reloader.start(listener::reloadTls));
            access.issuer().set(config.effectiveIssuer(listener.port()));
            leaderboards.start(webhooks.webhooks().outbox(), closer);
            LOG.info("started on port {} in {} ms", listener.port(), (System.nanoTime() - started) / 1_000_000);
            return new Ludus(platform.database(), listener, routes, access.operatorKey(),
                    tls.isPresent() ? "https" : "http", closer);
        } catch (RuntimeException e) {
            closer.closeAfter(e);
            throw e;
        }
    }

    /**
     * Builds the web server for a port: TLS with the current certificate when configured (HTTP/1.1,
     * and HTTP/2 chosen by ALPN; plain HTTP is HTTP/1.1 only, no h2c), the limits that keep slow and idle clients from holding every
     * connection, then the routing.
     */
    private static java.util.function.IntFunction<WebServer> webServer(HttpLimits limits, Optional<TlsReloader> tls,
            HttpRouting.Builder routing, RequestDeadlines deadlines, Json json) {
        return port -> tls.map(reloader -> WebServer.builder().tls(reloader.current())).orElseGet(WebServer::builder)
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
                .update(builder -> tls.ifPresent(on -> builder.addProtocol(Http2Config.builder()
                        .maxConcurrentStreams(MAX_HTTP2_STREAMS)
                        .maxHeaderListSize(4L * RequestFilter.MAX_HEADER_BYTES)
                        .build())))
                .protocolsDiscoverServices(false)
                .shutdownHook(false)
                .shutdownGracePeriod(Duration.ofSeconds(10))
                .routing(routing)
                .build();
    }

    /** How often idle connections are looked for: a quarter of the timeout, from 50 ms to 30 s. */
    private static Duration idleCheckPeriod(Duration idleTimeout) {
        return Duration.ofMillis(Math.clamp(idleTimeout.toMillis() / 4, 50, 30_000));
    }

    /**
     * The routing of the server: filters (request id and metrics, then operator and token
     * authentication, then the console's sessions), every feature's routes, the problem+json error mapping, and 404/405 for
     * everything else. Returns the registered routes.
     */
    private static List<RouteTable.Route> routing(HttpRouting.Builder routing, Platform platform, AccessFeature access,
            ConsoleFilter console, ForwardedHeaders forwarded, List<Consumer<RouteTable>> features) {
        ProblemHandler problems = new ProblemHandler(platform.json());
        RouteTable routes = new RouteTable(routing);
        routing.addFilter(new RequestFilter(platform.registry(), problems, forwarded))
                .addFilter(access.cors(routes))
                .addFilter(access.operatorFilter())
                .addFilter(access.auth())
                .addFilter(console)
                .error(ClientClosedRequest.class, problems::handleClientClosed)
                .error(ApiException.class, problems::handle)
                .error(RequestException.class, problems::handleRequestException)
                .error(Throwable.class, problems::handleUnexpected);
        features.forEach(feature -> feature.accept(routes));
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
