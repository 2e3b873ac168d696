package dev.ludus;

import dev.ludus.auth.AllowedOrigins;
import dev.ludus.auth.ApplicationTokenVerifier;
import dev.ludus.auth.AuthEventLog;
import dev.ludus.auth.AuthFilter;
import dev.ludus.auth.AuthMethod;
import dev.ludus.auth.AuthRoutes;
import dev.ludus.auth.AuthTokenRoutes;
import dev.ludus.auth.AuthTokenService;
import dev.ludus.auth.BearerVerifier;
import dev.ludus.auth.ClientAuthenticator;
import dev.ludus.auth.CorsFilter;
import dev.ludus.auth.EcdsaVerifier;
import dev.ludus.auth.NonceStore;
import dev.ludus.auth.OAuthRoutes;
import dev.ludus.auth.RateLimiter;
import dev.ludus.auth.RevocationCache;
import dev.ludus.auth.RevocationService;
import dev.ludus.auth.ServerTokenVerifier;
import dev.ludus.auth.SigningKeys;
import dev.ludus.http.RouteTable;
import dev.ludus.tenancy.ApplicationDirectory;
import dev.ludus.tenancy.AuditRoutes;
import dev.ludus.tenancy.EcdsaKeyRoutes;
import dev.ludus.tenancy.OperatorFilter;
import dev.ludus.tenancy.OperatorKey;
import dev.ludus.tenancy.TenancyRoutes;
import dev.ludus.tenancy.TenancyService;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Tenancy and authentication: applications and the change feed that keeps every node's view of
 * them current, the verifiers of every kind of credential, the filters, and their routes.
 *
 * @param issuer the {@code iss} of server tokens; known for sure once the listener has its port
 */
record AccessFeature(TenancyService tenancy, RevocationService revocations, SigningKeys signingKeys, AuthFilter auth,
        OperatorFilter operatorFilter, OperatorKey operatorKey, AtomicReference<String> issuer,
        AllowedOrigins allowedOrigins, ApplicationDirectory directory, List<Consumer<RouteTable>> routes) {

    /** CORS for the {@code /v1} routes in {@code routes} (read when requests come). */
    CorsFilter cors(RouteTable routes) {
        return new CorsFilter(allowedOrigins, directory, routes);
    }

    /** How often each node reads the auth change feed (the bound on cross-node revocation delay). */
    static final Duration AUTH_FEED_POLL_INTERVAL = Duration.ofSeconds(1);

    /** @param requests learns of each authenticated request, by application and method (the usage figures) */
    static AccessFeature assemble(Platform platform, java.util.function.BiConsumer<String, AuthMethod> requests,
            Closer closer) {
        var config = platform.config();
        var clock = platform.clock();
        var jdbi = platform.jdbi();
        AtomicReference<String> issuer = new AtomicReference<>(config.effectiveIssuer(config.port()));
        AuthEventLog feed = closer.add("the auth change feed", new AuthEventLog(jdbi, clock, AUTH_FEED_POLL_INTERVAL));
        RevocationCache revocationCache = new RevocationCache(clock);
        RevocationService revocations = new RevocationService(jdbi, feed, clock);
        TenancyService tenancy = new TenancyService(jdbi, feed, revocations, platform.secrets(), clock);
        ApplicationDirectory directory = new ApplicationDirectory(tenancy);
        SigningKeys signingKeys = new SigningKeys(jdbi, feed, platform.secrets(), clock, AuthTokenService.LIFETIME);
        feed.subscribe(revocationCache);
        feed.subscribe(directory);
        AllowedOrigins allowedOrigins = new AllowedOrigins(config.corsOrigins(), tenancy::corsOrigins);
        feed.subscribe(allowedOrigins);
        feed.subscribe(signingKeys);
        feed.start();
        signingKeys.start();

        BearerVerifier verifier = new BearerVerifier(
                new ApplicationTokenVerifier(directory, revocationCache, clock),
                new ServerTokenVerifier(signingKeys, directory, revocationCache, issuer::get,
                        AuthTokenService.LIFETIME.toSeconds(), clock),
                directory, signingKeys, revocationCache, clock);
        EcdsaVerifier ecdsa = new EcdsaVerifier(directory, new NonceStore(jdbi, clock), tenancy::recordEcdsaUse, clock);
        AuthFilter auth = new AuthFilter(verifier, ecdsa, config.ecdsaSunset(), platform.registry(), requests);
        AuthTokenService authTokens = new AuthTokenService(jdbi, signingKeys, revocationCache, platform.secrets(),
                issuer::get, clock);
        ClientAuthenticator clients = new ClientAuthenticator(tenancy,
                new RateLimiter(config.authTokenRate(), config.authTokenBurst(), clock), platform.registry(), clock);
        OperatorKey operatorKey = OperatorKey.resolve(config.adminKey(), config.dataDir(), platform.secrets());
        var json = platform.json();
        return new AccessFeature(tenancy, revocations, signingKeys, auth,
                new OperatorFilter(operatorKey, platform.registry()), operatorKey, issuer, allowedOrigins, directory,
                List.of(
                        new TenancyRoutes(tenancy, auth, json)::register,
                        new EcdsaKeyRoutes(tenancy, auth, json)::register,
                        new AuditRoutes(jdbi, auth, json)::register,
                        new AuthRoutes(auth, revocations, json, clock)::register,
                        new AuthTokenRoutes(clients, authTokens, revocations, signingKeys, json, clock)::register,
                        new OAuthRoutes(clients, authTokens, verifier, revocations, issuer::get, json, clock)::register));
    }
}
