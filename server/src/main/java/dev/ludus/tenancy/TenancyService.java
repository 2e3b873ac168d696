package dev.ludus.tenancy;

import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditLog;
import dev.ludus.auth.AppCredentials;
import dev.ludus.auth.ApplicationLimits;
import dev.ludus.auth.AuthEvent;
import dev.ludus.auth.AuthEventLog;
import dev.ludus.auth.RevocationService;
import dev.ludus.auth.Client;
import dev.ludus.auth.ClientDirectory;
import dev.ludus.auth.Scope;
import dev.ludus.secrets.Secrets;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Tenants, applications and their secrets. Every change that affects token verification commits
 * together with an "application changed" entry of the auth feed, so that every node drops its
 * cached credentials. Every change made by hand takes the {@link Actor} who makes it and is recorded
 * in the audit log in its transaction.
 */
public final class TenancyService implements ClientDirectory {

    /** Grace period of the previous secret after a rotation, unless the caller says otherwise. */
    public static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    /** Longest grace period a rotation accepts: 30 days. */
    public static final long MAX_GRACE_SECONDS = 30L * 86_400;
    /** Scopes of a token without {@code scope}, for a new application. */
    public static final List<String> DEFAULT_SCOPES = List.of(Scope.READ.wireName(), Scope.WRITE.wireName());
    /** Scopes of the tokens a new application's client credentials get. */
    public static final List<String> DEFAULT_CLIENT_SCOPES = List.of(Scope.USERS_READ.wireName(),
            Scope.USERS_WRITE.wireName());

    /** The timezone of an application that has not set one. */
    public static final ZoneId DEFAULT_TIMEZONE = ZoneId.of("UTC");
    /** How many teams one user may join, unless the application sets another limit. */
    public static final int DEFAULT_MAX_TEAMS_PER_USER = 10;
    /** The language answers fall back to until an application sets its own. */
    public static final String DEFAULT_LANGUAGE = "en";

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TenancyService.class);

    private final Jdbi jdbi;
    private final TenancyStore store = new TenancyStore();
    private final AuditLog audit = new AuditLog();
    private final AuthEventLog feed;
    private final Secrets secrets;
    private final RevocationService revocations;
    private final Clock clock;
    private final EcdsaKeyUses ecdsaKeyUses;

    public TenancyService(Jdbi jdbi, AuthEventLog feed, RevocationService revocations, Secrets secrets, Clock clock) {
        this.jdbi = jdbi;
        this.feed = feed;
        this.revocations = revocations;
        this.secrets = secrets;
        this.clock = clock;
        this.ecdsaKeyUses = new EcdsaKeyUses(jdbi, store);
    }

    /** An application just created, with the secrets that are shown this once. */
    public record CreatedApplication(Application application, String apiSecret, String clientSecret) { }

    /** The outcome of a secret rotation: the new secret, shown once, and the end of the old one's grace. */
    public record Rotation(String secret, Instant previousSecretExpiresAt) { }

    public Tenant createTenant(Actor actor, String name) {
        Tenant tenant = new Tenant(secrets.id("ten_"), name, now());
        jdbi.useTransaction(handle -> {
            store.insertTenant(handle, tenant);
            audit.record(handle, tenant.createdAt(), actor, TenancyAudit.tenantCreated(tenant));
        });
        return tenant;
    }

    public Tenant tenant(String tenantId) {
        return jdbi.withHandle(handle -> store.findTenant(handle, tenantId))
                .orElseThrow(() -> ApiException.notFound("no tenant '" + tenantId + "'"));
    }

    /** A page of the tenants, in id order. */
    public PageRequest.Page<Tenant> tenants(PageRequest page) {
        return page.page(jdbi.withHandle(handle -> store.listTenants(handle, page.after(), page.limit() + 1)),
                Tenant::id);
    }

    /**
     * Gives the tenant a new name (already checked: see {@link ApplicationRequests#name}). Recorded in the
     * audit log as {@code tenant.renamed}, unless the name is the one it has.
     */
    public Tenant renameTenant(Actor actor, String tenantId, String name) {
        return jdbi.inTransaction(handle -> {
            Tenant current = store.findTenant(handle, tenantId)
                    .orElseThrow(() -> ApiException.notFound("no tenant '" + tenantId + "'"));
            if (current.name().equals(name)) {
                return current;
            }
            Tenant renamed = new Tenant(current.id(), name, current.createdAt());
            store.renameTenant(handle, tenantId, name);
            audit.record(handle, now(), actor, TenancyAudit.tenantRenamed(current, renamed));
            return renamed;
        });
    }

    /** A page of the tenant's applications, in id order. */
    public PageRequest.Page<Application> applications(String tenantId, PageRequest page) {
        flushEcdsaKeyUses();
        return page.page(jdbi.withHandle(handle -> {
            if (store.findTenant(handle, tenantId).isEmpty()) {
                throw ApiException.notFound("no tenant '" + tenantId + "'");
            }
            return store.listApplications(handle, tenantId, page.after(), page.limit() + 1);
        }), Application::id);
    }

    public CreatedApplication createApplication(Actor actor, String tenantId, String name) {
        Instant now = now();
        String apiSecret = secrets.secret("sk_");
        String clientSecret = secrets.secret("cs_");
        Application app = new Application(secrets.id("app_"), tenantId, name, DEFAULT_SCOPES,
                ApplicationLimits.DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, true, DEFAULT_CLIENT_SCOPES, DEFAULT_TIMEZONE,
                List.of(), DEFAULT_MAX_TEAMS_PER_USER, 0, DEFAULT_LANGUAGE, secrets.id("cid_"), now, now, null);
        jdbi.useTransaction(handle -> {
            if (store.findTenant(handle, tenantId).isEmpty()) {
                throw ApiException.notFound("no tenant '" + tenantId + "'");
            }
            store.insertApplication(handle, app, Secrets.sha256Hex(clientSecret));
            store.insertSecret(handle, app.id(),
                    new TenancyStore.StoredSecret(secrets.id("sec_"), apiSecret, now, Optional.empty()));
            feed.append(handle, new AuthEvent.ApplicationChanged(app.id()));
            audit.record(handle, now, actor, TenancyAudit.applicationCreated(app));
        });
        feed.poll();
        return new CreatedApplication(app, apiSecret, clientSecret);
    }

    public Application application(String applicationId) {
        flushEcdsaKeyUses(); // so that this node's latest ECDSA use is in the answer
        return jdbi.withHandle(handle -> store.findApplication(handle, applicationId))
                .orElseThrow(() -> ApiException.notFound("no application '" + applicationId + "'"));
    }

    public Application updateApplication(Actor actor, String applicationId, ApplicationChanges changes) {
        Application updated = jdbi.inTransaction(handle -> {
            Application current = store.findApplication(handle, applicationId)
                    .orElseThrow(() -> ApiException.notFound("no application '" + applicationId + "'"));
            Application next = new Application(current.id(), current.tenantId(),
                    changes.name().orElse(current.name()),
                    changes.defaultScopes().orElse(current.defaultScopes()),
                    changes.maxTokenLifetimeSeconds().orElse(current.maxTokenLifetimeSeconds()),
                    changes.ecdsaEnabled().orElse(current.ecdsaEnabled()),
                    changes.clientScopes().orElse(current.clientScopes()),
                    changes.timezone().orElse(current.timezone()),
                    changes.corsOrigins().orElse(current.corsOrigins()),
                    changes.maxTeamsPerUser().orElse(current.maxTeamsPerUser()),
                    changes.controlGroupPercent().orElse(current.controlGroupPercent()),
                    changes.defaultLanguage().orElse(current.defaultLanguage()),
                    current.clientId(), current.createdAt(), now(), current.ecdsaLastUsedAt());
            store.updateApplication(handle, next);
            feed.append(handle, new AuthEvent.ApplicationChanged(applicationId));
            TenancyAudit.applicationUpdated(current, next)
                    .ifPresent(change -> audit.record(handle, next.updatedAt(), actor, change));
            return next;
        });
        feed.poll();
        return updated;
    }

    /**
     * The timezone that judges the streaks of an application's users who have none of their own: the
     * application's {@code timezone} setting, {@link #DEFAULT_TIMEZONE} (UTC) when it has set none.
     *
     * <p>Made for the event write path: one primary-key query on the caller's {@code handle}, so it
     * takes no other connection, writes nothing, and reads what the caller's transaction sees (its own
     * uncommitted changes included). Not cached: ask once per application and transaction, and only
     * when a user without a timezone meets a streak. A stored id that this Java runtime's time zone
     * data does not know reads as UTC, with a warning in the log.
     *
     * @throws ApiException 404 {@code not_found} when there is no such application
     */
    public ZoneId defaultTimezone(Handle handle, String applicationId) {
        return gameSettings(handle, applicationId).timezone();
    }

    /**
     * The settings that writes of an application's game state follow: its users' default timezone and
     * its control group; like {@link #defaultTimezone}, one primary-key query on the caller's handle.
     *
     * @throws ApiException 404 {@code not_found} when there is no such application
     */
    public GameSettings gameSettings(Handle handle, String applicationId) {
        return store.gameSettings(handle, applicationId)
                .orElseThrow(() -> ApiException.notFound("no application '" + applicationId + "'"));
    }

    /**
     * Issues a new API secret. The one it replaces stays valid for {@code grace} (zero: it dies at
     * once, the emergency refresh); an older one still in its grace period dies now, so that at most
     * two secrets are ever valid.
     */
    public Rotation rotateSecret(Actor actor, String applicationId, Duration grace) {
        Instant now = now();
        Instant previousExpiresAt = now.plus(grace);
        String apiSecret = secrets.secret("sk_");
        jdbi.useTransaction(handle -> {
            requireApplication(handle, applicationId);
            store.deletePreviousSecrets(handle, applicationId);
            store.retireCurrentSecret(handle, applicationId, previousExpiresAt, now);
            store.insertSecret(handle, applicationId,
                    new TenancyStore.StoredSecret(secrets.id("sec_"), apiSecret, now, Optional.empty()));
            feed.append(handle, new AuthEvent.ApplicationChanged(applicationId));
            audit.record(handle, now, actor, TenancyAudit.secretRotated(applicationId, "secret", grace,
                    previousExpiresAt));
        });
        feed.poll();
        return new Rotation(apiSecret, previousExpiresAt);
    }

    /** Every browser origin some application allows (CORS), for preflights, which carry no token. */
    public Set<String> corsOrigins() {
        return jdbi.withHandle(handle -> store.corsOrigins(handle));
    }

    /** Loads what token verification needs; empty for an unknown application. */
    public Optional<AppCredentials> credentials(String applicationId) {
        return jdbi.withHandle(handle -> store.findApplication(handle, applicationId).map(app -> {
            Instant now = now();
            List<AppCredentials.SecretKey> keys = store.secrets(handle, applicationId).stream()
                    .filter(secret -> secret.expiresAt().map(now::isBefore).orElse(true))
                    .map(secret -> AppCredentials.SecretKey.of(secret.secret(), secret.expiresAt()))
                    .toList();
            Map<String, Set<Scope>> ecdsaKeys = new HashMap<>();
            for (EcdsaKey key : store.ecdsaKeys(handle, applicationId, "", Integer.MAX_VALUE)) {
                ecdsaKeys.put(key.address().substring(2), Scope.parseKnown(key.scopes()));
            }
            return new AppCredentials(app.id(), app.tenantId(), app.clientId(), keys, Scope.parseKnown(app.defaultScopes()),
                    app.maxTokenLifetimeSeconds(), app.ecdsaEnabled(), ecdsaKeys, Set.copyOf(app.corsOrigins()));
        }));
    }

    /**
     * Issues a new client secret; the one it replaces stays valid for {@code grace}. Zero is the
     * emergency refresh: the old secret dies at once and so do the server tokens issued so far to the
     * client (revoked by its client id in the same transaction). Only the new secret's hash is stored.
     */
    public Rotation rotateClientSecret(Actor actor, String applicationId, Duration grace) {
        Instant now = now();
        Instant previousExpiresAt = now.plus(grace);
        String clientSecret = secrets.secret("cs_");
        String clientId = jdbi.inTransaction(handle -> {
            String id = store.findApplication(handle, applicationId)
                    .orElseThrow(() -> ApiException.notFound("no application '" + applicationId + "'")).clientId();
            store.rotateClientSecret(handle, applicationId, Secrets.sha256Hex(clientSecret),
                    grace.isZero() ? Optional.empty() : Optional.of(previousExpiresAt), now);
            if (grace.isZero()) {
                revocations.revokeSubject(handle, applicationId, id);
            }
            feed.append(handle, new AuthEvent.ApplicationChanged(applicationId));
            audit.record(handle, now, actor, TenancyAudit.secretRotated(applicationId, "client_secret", grace,
                    previousExpiresAt));
            return id;
        });
        if (grace.isZero()) {
            // the watermark again, from after the commit: a token issued with the old secret while the
            // rotation was committing carries an iat up to the commit's second, past the first watermark
            // when the commit crossed a second boundary
            revocations.revokeSubject(applicationId, clientId);
        }
        feed.poll();
        return new Rotation(clientSecret, previousExpiresAt);
    }

    /** A page of the ECDSA keys of an application, in address order. */
    public PageRequest.Page<EcdsaKey> ecdsaKeys(String applicationId, PageRequest page) {
        String after = page.after().map(address -> address.startsWith("0x") ? address.substring(2) : address).orElse("");
        flushEcdsaKeyUses(); // so that this node's latest uses are in the answer
        return page.page(jdbi.withHandle(handle -> {
            requireApplication(handle, applicationId);
            return store.ecdsaKeys(handle, applicationId, after, page.limit() + 1);
        }), EcdsaKey::address);
    }

    /** Registers an ECDSA key (address already normalised: 40 lower-case hex digits); 409 when registered. */
    public EcdsaKey addEcdsaKey(Actor actor, String applicationId, String address, List<String> scopes) {
        Instant now = now();
        jdbi.useTransaction(handle -> {
            requireApplication(handle, applicationId);
            if (!store.insertEcdsaKey(handle, applicationId, address, scopes, now)) {
                throw new ApiException(409, "conflict", "Conflict", "the key 0x" + address + " is already registered");
            }
            feed.append(handle, new AuthEvent.ApplicationChanged(applicationId));
            audit.record(handle, now, actor, TenancyAudit.ecdsaKeyAdded(applicationId, address, scopes));
        });
        feed.poll();
        return new EcdsaKey("0x" + address, scopes, now, null);
    }

    /** Removes an ECDSA key; requests it signs are refused from now on. */
    public void removeEcdsaKey(Actor actor, String applicationId, String address) {
        jdbi.useTransaction(handle -> {
            requireApplication(handle, applicationId);
            if (!store.deleteEcdsaKey(handle, applicationId, address)) {
                throw ApiException.notFound("no ECDSA key 0x" + address + " is registered");
            }
            feed.append(handle, new AuthEvent.ApplicationChanged(applicationId));
            audit.record(handle, now(), actor, TenancyAudit.ecdsaKeyRemoved(applicationId, address));
        });
        feed.poll();
    }

    /**
     * Notes that a request signed with the key {@code address} (40 lower-case hex digits)
     * authenticated, in memory: {@link #flushEcdsaKeyUses()} writes the key's last use and the
     * application's. Called on the request's thread; one map update, no I/O.
     */
    public void recordEcdsaUse(String applicationId, String address) {
        ecdsaKeyUses.used(applicationId, address, clock.millis());
    }

    /**
     * Writes the ECDSA keys' last uses noted on this node since the last time, moving each key's
     * {@code last_used_at} and its application's {@code ecdsa_last_used_at} forward only; keeps them for the next time if the store fails. Never throws.
     */
    public void flushEcdsaKeyUses() {
        ecdsaKeyUses.flush();
    }

    @Override
    public Optional<Client> findClient(String clientId) {
        return jdbi.withHandle(handle -> store.findClient(handle, clientId));
    }

    private void requireApplication(Handle handle, String applicationId) {
        if (store.findApplication(handle, applicationId).isEmpty()) {
            throw ApiException.notFound("no application '" + applicationId + "'");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
