package dev.ludus.webhook;

import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditLog;
import dev.ludus.secrets.Secrets;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.http.PageRequest;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * The webhook feature as the composition root sees it: builds the service, the outbox and the
 * dispatcher, and answers the operations on one endpoint's deliveries (log, replay, ping).
 */
public final class Webhooks implements AutoCloseable {

    /** The most messages one range replay re-queues. */
    public static final int MAX_REPLAY = 10_000;

    private final Jdbi jdbi;
    private final WebhookService service;
    private final DeliveryStore deliveries;
    private final Outbox outbox;
    private final Dispatcher dispatcher;
    private final Clock clock;
    private final AuditLog audit = new AuditLog();

    private Webhooks(Jdbi jdbi, WebhookService service, DeliveryStore deliveries, Outbox outbox,
            Dispatcher dispatcher, Clock clock) {
        this.jdbi = jdbi;
        this.service = service;
        this.deliveries = deliveries;
        this.outbox = outbox;
        this.dispatcher = dispatcher;
        this.clock = clock;
    }

    /**
     * Builds everything and starts the dispatcher.
     *
     * @param skipLocked whether the store is PostgreSQL (claims with {@code FOR UPDATE SKIP LOCKED})
     * @param concurrency the most attempts in flight on this node
     * @param perEndpoint the most of them to one endpoint
     * @param maxLag how late deliveries to prompt endpoints may fall before new events wait
     *     ({@link Dispatcher#awaitDeliveries}); zero for never
     * @param counter what counts each logged attempt, in its transaction
     * @param writer the event writers, where the dispatcher writes on a store with one writer at a
     *     time (SQLite); empty elsewhere ({@link DispatchWrites})
     */
    public static Webhooks start(Jdbi jdbi, boolean skipLocked, boolean allowPrivate, Duration timeout,
            int concurrency, int perEndpoint, Duration maxLag, Secrets secrets, Json json, Clock clock,
            AttemptCounter counter, java.util.Optional<dev.ludus.store.GroupCommit> writer) {
        UrlGuard guard = new UrlGuard(allowPrivate, InetAddress::getAllByName);
        WebhookService service = new WebhookService(jdbi, guard, new WebhookSigner(), secrets, clock);
        DeliveryStore deliveries = new DeliveryStore(skipLocked);
        Dispatcher dispatcher = new Dispatcher(jdbi, service, deliveries, guard,
                new RetryPolicy(new java.util.Random()), timeout, concurrency, perEndpoint, maxLag, secrets, clock,
                counter, DispatchWrites.of(jdbi, writer));
        Outbox outbox = new Outbox(service, deliveries, secrets, json, dispatcher::wake);
        dispatcher.start();
        return new Webhooks(jdbi, service, deliveries, outbox, dispatcher, clock);
    }

    public WebhookService service() {
        return service;
    }

    /**
     * Holds a new event back while this node's deliveries lag ({@link Dispatcher#awaitDeliveries}); the
     * event service calls it before it queues an event.
     */
    public void awaitDeliveries() {
        dispatcher.awaitDeliveries();
    }

    /** Registers the dispatcher's meters ({@code ludus_webhook_lag_seconds}, {@code ludus_events_held_total}). */
    public Webhooks bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
        dispatcher.bindTo(registry);
        return this;
    }

    /** The outbox: the hook that write paths call inside their transaction. */
    public Outbox outbox() {
        return outbox;
    }

    /** A page of an endpoint's delivery attempts, newest first. */
    public PageRequest.Page<DeliveryAttempt> deliveries(String applicationId, String endpointId,
            PageRequest page) {
        service.get(applicationId, endpointId);
        long before = page.after().map(WebhookService::sequence).orElse(Long.MAX_VALUE);
        return page.page(jdbi.withHandle(handle -> deliveries.attempts(handle, endpointId, before, page.limit() + 1)),
                attempt -> Long.toString(attempt.seq()));
    }

    /**
     * Queues messages once addressed to the endpoint again, with their own {@code webhook-id}:
     * {@code {"message_id"}} or {@code {"since","until"?}} (ISO 8601 instants; until defaults to
     * now). Returns how many were queued.
     */
    public int replay(Actor actor, String applicationId, String endpointId, JsonBody body) {
        body.allowOnly(Set.of("message_id", "since", "until"));
        service.get(applicationId, endpointId);
        Optional<String> messageId = body.string("message_id", 40);
        Optional<Instant> since = instant(body, "since");
        Optional<Instant> until = instant(body, "until");
        if (messageId.isPresent() == since.isPresent() || (messageId.isPresent() && until.isPresent())) {
            throw ApiException.badRequest("give either 'message_id' or 'since' (with an optional 'until')");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant end = until.orElse(now.plusMillis(1));
        if (since.isPresent() && !since.get().isBefore(end)) {
            throw ApiException.invalidField("until", "'until' must be after 'since'");
        }
        int replayed = jdbi.inTransaction(handle -> {
            List<DeliveryStore.MessageRef> messages = deliveries.addressed(handle, endpointId, messageId,
                    since.orElse(Instant.EPOCH), messageId.isPresent() ? Instant.ofEpochMilli(Long.MAX_VALUE) : end,
                    MAX_REPLAY);
            for (DeliveryStore.MessageRef message : messages) {
                deliveries.insertDelivery(handle, message.seq(), endpointId, message.userId(), now, Optional.empty(),
                        now);
            }
            if (!messages.isEmpty()) {
                audit.record(handle, now, actor, WebhookAudit.replayed(applicationId, endpointId, messages.size(),
                        messageId.map(id -> "message " + id)
                                .orElseGet(() -> "sent from " + since.orElseThrow() + " until " + end)));
            }
            return messages.size();
        });
        if (messageId.isPresent() && replayed == 0) {
            throw ApiException.notFound("no message '" + messageId.get() + "' was addressed to this endpoint");
        }
        outbox.wake();
        return replayed;
    }

    /** Sends a {@code webhook.ping} to the endpoint now (enabled or not) and answers how it went; not retried. */
    public Dispatcher.Result ping(String applicationId, String endpointId) {
        Endpoint endpoint = service.get(applicationId, endpointId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        long delivery = jdbi.inTransaction(handle -> outbox.writeClaimed(handle, endpoint, EventType.PING,
                new Payloads.PingData(endpoint.id(), "ping from Ludus"), now, dispatcher.node(),
                now.plus(dispatcher.lease())));
        return dispatcher.attemptNow(delivery, true);
    }

    private static Optional<Instant> instant(JsonBody body, String name) {
        return body.string(name, 64).map(value -> {
            try {
                return java.time.OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiException.invalidField(name, "'" + name + "' must be an ISO 8601 instant with an offset, "
                        + "such as 2026-11-23T10:15:30Z");
            }
        });
    }

    @Override
    public void close() {
        dispatcher.close();
    }
}
