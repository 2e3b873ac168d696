package dev.ludus.webhook;

import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditLog;
import dev.ludus.secrets.Secrets;
import dev.ludus.http.ApiException;
import dev.ludus.http.JsonBody;
import dev.ludus.http.PageRequest;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Creates, changes, rotates and deletes endpoints, and serves each application's enabled
 * endpoints to the outbox. Every change bumps the application's webhook version in the same
 * transaction; {@link #subscribers} compares that version with its cache, so a write always sees
 * the endpoints committed before it, whichever node changed them. The cache is a concurrent map of
 * immutable values. Every change takes the {@link Actor} who makes it and is recorded in the audit log
 * in its transaction.
 */
public final class WebhookService {

    /** Longest grace period of a rotated secret: 7 days. */
    public static final long MAX_GRACE_SECONDS = 604_800;
    /** Grace period of a rotated secret when none is given: 24 hours. */
    public static final long DEFAULT_GRACE_SECONDS = 86_400;

    /** An endpoint with its new secret, shown once. */
    public record Issued(Endpoint endpoint, String secret, Optional<Instant> previousSecretExpiresAt) { }

    private record Subscribers(long version, List<Endpoint> endpoints) { }

    private final Jdbi jdbi;
    private final EndpointStore store = new EndpointStore();
    private final AuditLog audit = new AuditLog();
    private final UrlGuard guard;
    private final WebhookSigner signer;
    private final Secrets secrets;
    private final Clock clock;
    private final ConcurrentMap<String, Subscribers> cache = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    public WebhookService(Jdbi jdbi, UrlGuard guard, WebhookSigner signer, Secrets secrets, Clock clock) {
        this.jdbi = jdbi;
        this.guard = guard;
        this.signer = signer;
        this.secrets = secrets;
        this.clock = clock;
    }

    /** Creates an endpoint from {@code {"url","event_types","description"?}} with a new secret. */
    public Issued create(Actor actor, String applicationId, JsonBody body) {
        body.allowOnly(Set.of("url", "event_types", "description"));
        URI url = guard.check(body.requiredString("url", UrlGuard.MAX_LENGTH));
        Set<EventType> types = types(body).orElseThrow(
                () -> ApiException.invalidField("event_types", "'event_types' is required"));
        Optional<String> description = body.string("description", 500);
        Instant now = now();
        Endpoint endpoint = new Endpoint(secrets.id("whe_"), applicationId, url.toString(), description, types, true,
                Optional.empty(), Optional.empty(), now, now);
        String secret = signer.newSecret();
        jdbi.useTransaction(handle -> {
            store.bumpVersion(handle, applicationId);
            store.insert(handle, endpoint);
            store.addSecret(handle, secrets.id("whs_"), endpoint.id(), secret, now);
            audit.record(handle, now, actor, WebhookAudit.created(endpoint));
        });
        changed(applicationId);
        return new Issued(endpoint, secret, Optional.empty());
    }

    /** Changes {@code url}, {@code event_types}, {@code description} or {@code enabled}. */
    public Endpoint patch(Actor actor, String applicationId, String id, JsonBody body) {
        body.allowOnly(Set.of("url", "event_types", "description", "enabled"));
        Optional<URI> url = body.string("url", UrlGuard.MAX_LENGTH).map(guard::check);
        Optional<Set<EventType>> types = types(body);
        Optional<String> description = body.string("description", 500);
        Optional<Boolean> enabled = body.bool("enabled");
        Instant now = now();
        Endpoint changed = jdbi.inTransaction(handle -> {
            store.bumpVersion(handle, applicationId);
            Endpoint current = get(handle, applicationId, id);
            boolean on = enabled.orElse(current.enabled());
            Endpoint next = new Endpoint(id, applicationId, url.map(URI::toString).orElse(current.url()),
                    body.isNull("description") ? Optional.empty() : description.or(current::description),
                    types.orElse(current.eventTypes()), on,
                    on ? Optional.empty() : current.disabledReason().or(() -> Optional.of("disabled through the API")),
                    on ? Optional.empty() : current.disabledAt().or(() -> Optional.of(now)), current.createdAt(), now);
            store.update(handle, next);
            WebhookAudit.updated(current, next).ifPresent(change -> audit.record(handle, now, actor, change));
            return next;
        });
        changed(applicationId);
        return changed;
    }

    public Endpoint get(String applicationId, String id) {
        return jdbi.withHandle(handle -> get(handle, applicationId, id));
    }

    public PageRequest.Page<Endpoint> list(String applicationId, PageRequest page) {
        return page.page(jdbi.withHandle(handle -> store.list(handle, applicationId, page.after(), page.limit() + 1)),
                Endpoint::id);
    }

    public void delete(Actor actor, String applicationId, String id) {
        boolean deleted = jdbi.inTransaction(handle -> {
            store.bumpVersion(handle, applicationId);
            boolean found = store.delete(handle, applicationId, id);
            if (found) {
                audit.record(handle, now(), actor, WebhookAudit.deleted(applicationId, id));
            }
            return found;
        });
        changed(applicationId);
        if (!deleted) {
            throw notFound(id);
        }
    }

    /** A new secret; the previous one keeps signing for {@code grace_seconds} (0 ends it at once). */
    public Issued rotate(Actor actor, String applicationId, String id, JsonBody body) {
        body.allowOnly(Set.of("grace_seconds"));
        long grace = body.integer("grace_seconds", 0, MAX_GRACE_SECONDS).orElse(DEFAULT_GRACE_SECONDS);
        Instant now = now();
        String secret = signer.newSecret();
        Issued issued = jdbi.inTransaction(handle -> {
            Endpoint endpoint = get(handle, applicationId, id);
            store.retireSecrets(handle, id, now.plus(Duration.ofSeconds(grace)), now);
            store.addSecret(handle, secrets.id("whs_"), id, secret, now);
            Optional<Instant> previousExpiresAt = store.previousSecretExpiry(handle, id, now);
            audit.record(handle, now, actor, WebhookAudit.secretRotated(endpoint, previousExpiresAt));
            return new Issued(endpoint, secret, previousExpiresAt);
        });
        changes.incrementAndGet();
        return issued;
    }

    /** The notices of an application ({@code webhook.endpoint_disabled}), newest first. */
    public PageRequest.Page<EndpointNotice> notices(String applicationId, PageRequest page) {
        long before = page.after().map(WebhookService::sequence).orElse(Long.MAX_VALUE);
        return page.page(jdbi.withHandle(handle -> store.notices(handle, applicationId, before, page.limit() + 1)),
                notice -> Long.toString(notice.seq()));
    }

    /**
     * The application's enabled endpoints as of the handle's transaction, from the cache when its
     * version is current.
     */
    List<Endpoint> subscribers(Handle handle, String applicationId) {
        long version = store.version(handle, applicationId);
        Subscribers cached = cache.get(applicationId);
        if (cached != null && cached.version() == version) {
            return cached.endpoints();
        }
        List<Endpoint> endpoints = List.copyOf(store.enabled(handle, applicationId));
        cache.put(applicationId, new Subscribers(version, endpoints));
        return endpoints;
    }

    /** Disables an endpoint on the handle's transaction and records a {@code webhook.endpoint_disabled} notice. */
    void disable(Handle handle, Endpoint endpoint, String reason, Instant now) {
        store.bumpVersion(handle, endpoint.applicationId());
        store.update(handle, new Endpoint(endpoint.id(), endpoint.applicationId(), endpoint.url(),
                endpoint.description(), endpoint.eventTypes(), false, Optional.of(reason), Optional.of(now),
                endpoint.createdAt(), now));
        store.addNotice(handle, secrets.id("whn_"), endpoint.applicationId(), endpoint, "webhook.endpoint_disabled",
                reason, now);
        cache.remove(endpoint.applicationId());
    }

    EndpointStore store() {
        return store;
    }

    /**
     * How many changes to endpoints or their secrets this node has committed: the dispatcher reads
     * an endpoint again when it moved (other nodes' changes reach it within
     * {@link Dispatcher#ENDPOINT_CACHE}).
     */
    long changes() {
        return changes.get();
    }

    /** After the commit of a change to an application's endpoints. */
    private void changed(String applicationId) {
        cache.remove(applicationId);
        changes.incrementAndGet();
    }

    private Endpoint get(Handle handle, String applicationId, String id) {
        return store.find(handle, applicationId, id).orElseThrow(() -> notFound(id));
    }

    private static Optional<Set<EventType>> types(JsonBody body) {
        return body.strings("event_types", 20, 64).map(names -> {
            if (names.isEmpty()) {
                throw ApiException.invalidField("event_types", "'event_types' must name at least one event type");
            }
            Set<EventType> types = EnumSet.noneOf(EventType.class);
            for (String name : names) {
                types.add(EventType.subscribable(name).orElseThrow(() -> ApiException.invalidField("event_types",
                        "unknown event type '" + name + "'; see docs/webhooks.md for the types")));
            }
            return types;
        });
    }

    /** The sequence number in a cursor of a list ordered by sequence. */
    static long sequence(String cursor) {
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no webhook endpoint '" + id + "'");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
