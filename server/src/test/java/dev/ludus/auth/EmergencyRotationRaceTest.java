package dev.ludus.auth;

import dev.ludus.secrets.Secrets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.audit.Actor;
import dev.ludus.store.Database;
import dev.ludus.tenancy.TenancyService;
import dev.ludus.testing.MutableClock;
import dev.ludus.testing.TestStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An emergency client secret refresh ({@code grace_seconds: 0}) racing a token request that holds
 * the old secret: the request authenticated before the rotation committed, and its token is issued
 * after. Such a token would carry the rotation's watermark second as its {@code iat}, which the
 * watermark does not refuse, so it must never be handed out. The interleaving is played in order,
 * on the real services and the test store, instead of hoped for under load.
 */
class EmergencyRotationRaceTest {

    private static final Actor OPERATOR = Actor.operator(Optional.empty());

    private TestStore store;
    private Database database;
    private AuthEventLog feed;
    private TenancyService tenancy;
    private AuthTokenService tokens;
    private ClientAuthenticator clients;
    private RevocationCache revocations;

    @BeforeEach
    void start() {
        MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(400));
        store = TestStore.create();
        database = store.open();
        Secrets secrets = new Secrets();
        feed = new AuthEventLog(database.jdbi(), clock, Duration.ofSeconds(1));
        revocations = new RevocationCache(clock);
        RevocationService revocationService = new RevocationService(database.jdbi(), feed, clock);
        tenancy = new TenancyService(database.jdbi(), feed, revocationService, secrets, clock);
        SigningKeys keys = new SigningKeys(database.jdbi(), feed, secrets, clock, AuthTokenService.LIFETIME);
        feed.subscribe(revocations);
        feed.subscribe(keys);
        feed.start();
        keys.start();
        tokens = new AuthTokenService(database.jdbi(), keys, revocations, secrets, () -> "https://ludus.test", clock);
        clients = new ClientAuthenticator(tenancy, new RateLimiter(1000, 1000, clock), new SimpleMeterRegistry(), clock);
    }

    @AfterEach
    void stop() {
        feed.close();
        database.close();
        store.drop();
    }

    @Test
    void tokenIssuedWithOldSecretWhileEmergencyRotationCommitsIsWithheld() {
        TenancyService.CreatedApplication app = tenancy.createApplication(OPERATOR, tenancy.createTenant(OPERATOR, "t").id(), "a");
        String clientId = app.application().clientId();
        Client client = clients.authenticate(new ClientAuthenticator.Credentials(clientId, app.clientSecret()));

        tenancy.rotateClientSecret(OPERATOR, app.application().id(), Duration.ZERO);
        AuthTokenService.IssuedToken token = tokens.current(client);

        // what makes the race dangerous: the watermark alone lets this token live
        assertThat(revocations.isRevoked(app.application().id(), token.jti(), clientId, token.issuedAt())).isFalse();
        assertThatThrownBy(() -> clients.reconfirm(client))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.error()).isEqualTo("invalid_client"));
    }

    @Test
    void tokenIssuedWithSecretKeptInGraceIsHandedOut() {
        TenancyService.CreatedApplication app = tenancy.createApplication(OPERATOR, tenancy.createTenant(OPERATOR, "t").id(), "a");
        Client client = clients.authenticate(
                new ClientAuthenticator.Credentials(app.application().clientId(), app.clientSecret()));

        tenancy.rotateClientSecret(OPERATOR, app.application().id(), Duration.ofHours(1));
        tokens.current(client);

        clients.reconfirm(client);
    }
}
