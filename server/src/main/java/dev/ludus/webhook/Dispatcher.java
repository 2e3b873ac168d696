package dev.ludus.webhook;

import dev.ludus.secrets.Secrets;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox. One platform thread claims due deliveries (every {@link #POLL_INTERVAL},
 * or at once when {@link #wake() woken} after a commit that wrote messages or a result), up to
 * {@link #CLAIM_BATCH} at a time and ahead of the attempts, and queues them per endpoint on the node
 * ({@link EndpointLanes}); each attempt runs on a virtual thread. At most {@code concurrency} attempts
 * are in flight, and no endpoint holds more than its share of them ({@code perEndpoint}): a slow or
 * failing receiver keeps at most that many attempts waiting, and the other endpoints' deliveries go
 * on beside it. An attempt's place is given back as soon as its HTTP answer arrives; the delivery
 * stays claimed (so a user's next message still waits) until its result is committed. A claim lasts
 * {@link #lease()}: a node that dies mid-attempt leaves its claims to expire, and any node then
 * attempts them again (so a message can arrive twice, never zero times). On PostgreSQL claims use
 * {@code SKIP LOCKED}, so nodes never claim the same delivery at once.
 *
 * <p>An attempt: the endpoint's URL is checked against the {@link UrlGuard} again, the payload is
 * POSTed with the Standard Webhooks headers (redirects are not followed), and the answer decides:
 * 2xx succeeded; 410 disables the endpoint; anything else (or no answer within the timeout) is
 * tried again per the {@link RetryPolicy}, and an endpoint failing for 5 days without a success is
 * disabled. Each attempt is logged with at most 1 KiB of the answer; the results of attempts that
 * end at about the same time are written in one transaction (on SQLite with the events, in the
 * event writers' batches; {@link DispatchWrites}).
 *
 * <p>Thread-safety: the in-flight set is concurrent, the lanes synchronize themselves, and the wake-up flag
 * is guarded by {@code lock}.
 */
public final class Dispatcher implements AutoCloseable {

    /** How often each node looks for due deliveries when nothing wakes it. */
    public static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    /** The most deliveries one claim takes. */
    static final int CLAIM_BATCH = 256;
    /** The most of an answer's body the delivery log keeps. */
    public static final int SNIPPET_BYTES = 1024;
    /**
     * How long an attempt uses what it read of an endpoint and its secrets: changes made on this node
     * are seen at once, those of other nodes within this.
     */
    public static final Duration ENDPOINT_CACHE = Duration.ofSeconds(1);
    /** The longest one event waits for lagging deliveries ({@link #awaitDeliveries}). */
    public static final Duration HOLD_MOST = Duration.ofMillis(250);
    private static final long HOLD_STEP_NANOS = 2_000_000;
    /** How long a computed lag is reused. */
    private static final long LAG_FRESH_NANOS = 1_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

    /** What one attempt came to. */
    public record Result(String status, Integer httpStatus, long latencyMs, String response,
            Optional<Instant> nextAttemptAt) { }

    /** An endpoint and its live secrets as an attempt read them, with when and at which change of this node. */
    private record Target(Endpoint endpoint, List<String> secrets, Optional<Instant> secretsChange, long changes,
            long readAt) { }

    private final Jdbi jdbi;
    private final WebhookService service;
    private final DeliveryStore deliveries;
    private final UrlGuard guard;
    private final RetryPolicy policy;
    private final Duration timeout;
    private final Clock clock;
    private final AttemptCounter counter;
    private final String node;
    private final HttpClient client;
    private final DispatchWrites writes;
    private final ExecutorService attempts = Executors.newVirtualThreadPerTaskExecutor();
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();
    private final EndpointLanes lanes;
    private final java.util.concurrent.ConcurrentMap<String, Target> targets = new ConcurrentHashMap<>();
    private final long maxLagMillis;
    /** When the oldest due delivery of a prompt endpoint that the last claim left was due (epoch ms). */
    private volatile long oldestLeft = DeliveryStore.NONE_LEFT;
    private volatile long lag;
    private final LongAdder held = new LongAdder();
    private final LongAdder heldNanos = new LongAdder();
    private volatile long lagAt = System.nanoTime() - LAG_FRESH_NANOS;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private volatile boolean running = true;
    private volatile Thread loop;

    Dispatcher(Jdbi jdbi, WebhookService service, DeliveryStore deliveries, UrlGuard guard, RetryPolicy policy,
            Duration timeout, int concurrency, int perEndpoint, Duration maxLag, Secrets secrets, Clock clock,
            AttemptCounter counter, DispatchWrites writes) {
        this.jdbi = jdbi;
        this.service = service;
        this.deliveries = deliveries;
        this.guard = guard;
        this.policy = policy;
        this.timeout = timeout;
        this.lanes = new EndpointLanes(concurrency, perEndpoint, timeout);
        this.clock = clock;
        this.counter = counter;
        this.node = secrets.id("node_");
        this.writes = writes;
        this.maxLagMillis = maxLag.toMillis();
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .version(HttpClient.Version.HTTP_1_1)
                .executor(attempts)
                .build();
    }

    /** Starts the claiming thread. */
    void start() {
        loop = Thread.ofPlatform().name("ludus-webhook-dispatcher").daemon(true).start(this::run);
    }

    /** Looks for due deliveries now instead of at the next poll. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long a claim lasts: a timeout waiting in its endpoint's queue on the node ({@link EndpointLanes}),
     * two for the attempt (connect and answer), and 5 s to record the result.
     */
    Duration lease() {
        return timeout.multipliedBy(3).plusSeconds(5);
    }

    String node() {
        return node;
    }

    /** Attempts a delivery this node has claimed, on the caller's thread; a one-shot delivery (a ping) is not retried. */
    Result attemptNow(long deliverySeq, boolean oneShot) {
        DeliveryStore.Claimed claimed = jdbi.withHandle(handle -> deliveries.claimed(handle, deliverySeq));
        return attempt(claimed, oneShot, () -> { });
    }

    private void run() {
        while (running) {
            try {
                int asked = Math.min(lanes.claimable(), CLAIM_BATCH);
                DeliveryStore.Claims claims = asked == 0 ? DeliveryStore.Claims.NONE : claim(asked);
                claims.claimed().forEach(delivery -> inFlight.add(delivery.seq()));
                lanes.add(claims.claimed(), System.nanoTime());
                startAttempts();
                // deliveries held back for a full endpoint: claim again at once, now skipping it
                if (asked == 0 || !claims.heldBack() && claims.claimed().size() < asked) {
                    await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (e instanceof dev.ludus.store.StoreOverloadedException) {
                    // the event writers' queue stayed full: events first, deliveries at the next poll
                    LOG.debug("claiming webhook deliveries waits for the event writers ({})", e.getMessage());
                } else {
                    LOG.warn("claiming webhook deliveries failed ({}); trying again in {} ms", e.toString(),
                            POLL_INTERVAL.toMillis());
                }
                try {
                    Thread.sleep(POLL_INTERVAL);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Starts the attempts that have room now, each on a virtual thread of its own. */
    private void startAttempts() {
        EndpointLanes.Started started = lanes.start(System.nanoTime());
        for (DeliveryStore.Claimed stale : started.stale()) {
            // claimed again by any node once its lease has expired
            inFlight.remove(stale.seq());
            LOG.debug("webhook delivery {} waited longer than {} ms for its endpoint; left to its lease", stale.seq(),
                    timeout.toMillis());
        }
        for (DeliveryStore.Claimed delivery : started.attempts()) {
            attempts.execute(() -> deliver(delivery));
        }
    }

    private void deliver(DeliveryStore.Claimed delivery) {
        AtomicBoolean answered = new AtomicBoolean();
        long started = System.nanoTime();
        Runnable onAnswer = () -> {
            if (answered.compareAndSet(false, true)) {
                long now = System.nanoTime();
                lanes.answered(delivery.endpointId(), (now - started) / 1_000_000, now);
                startAttempts();
            }
        };
        try {
            attempt(delivery, false, onAnswer);
        } catch (RuntimeException e) {
            LOG.error("webhook delivery {} of message {} failed to complete; it is tried again after "
                    + "its claim expires", delivery.seq(), delivery.messageId(), e);
        } finally {
            onAnswer.run();
            inFlight.remove(delivery.seq());
            lanes.recorded();
            wake();
        }
    }

    private DeliveryStore.Claims claim(int limit) {
        Instant now = now();
        Instant until = now.plus(lease());
        Set<Long> mine = Set.copyOf(inFlight);
        Set<String> full = lanes.full();
        var room = lanes.roomPerEndpoint();
        var prompt = lanes.prompt(System.nanoTime());
        DeliveryStore.Claims claims;
        if (writes.onEventWriters()) {
            // SQLite: only the update on the event writer; what it reads, on a connection of its own
            DeliveryStore.Picked picked = jdbi.withHandle(handle -> deliveries.pick(handle, now, limit, mine, full,
                    room, prompt::contains));
            List<Long> taken = picked.seqs().isEmpty() ? List.of()
                    : writes.claim(handle -> deliveries.take(handle, node, now, until, picked.seqs()));
            claims = DeliveryStore.Claims.of(picked, taken.isEmpty() ? List.of()
                    : jdbi.withHandle(handle -> deliveries.rows(handle, taken)));
        } else {
            claims = writes.claim(handle -> deliveries.claim(handle, node, now, until, limit, mine, full, room,
                    prompt::contains));
        }
        oldestLeft = claims.oldestLeft();
        return claims;
    }

    /**
     * How late this node's deliveries to prompt endpoints are: from when the oldest of them not yet
     * attempted was due (left by the last claim, or waiting on the node) to now; 0 when none waits.
     */
    long lagMillis() {
        long nanos = System.nanoTime();
        if (nanos - lagAt < LAG_FRESH_NANOS) {
            return lag;
        }
        long oldest = Math.min(oldestLeft, lanes.oldestPromptWaiting(nanos));
        long computed = oldest == DeliveryStore.NONE_LEFT ? 0 : Math.max(0, clock.millis() - oldest);
        lag = computed;
        lagAt = nanos;
        return computed;
    }

    /**
     * Holds a new event back, for at most {@link #HOLD_MOST}, while this node's deliveries to prompt
     * endpoints lag more than the configured bound: ingestion slows to what the node delivers, so
     * that the backlog cannot grow without end. A slow or failing receiver is not prompt and never
     * holds events back; with the bound 0 nothing is held.
     */
    public void awaitDeliveries() {
        if (maxLagMillis <= 0 || lagMillis() <= maxLagMillis) {
            return;
        }
        long start = System.nanoTime();
        long deadline = start + HOLD_MOST.toNanos();
        do {
            LockSupport.parkNanos(HOLD_STEP_NANOS);
        } while (lagMillis() > maxLagMillis && System.nanoTime() < deadline);
        held.increment();
        heldNanos.add(System.nanoTime() - start);
    }

    /**
     * The dispatcher's meters: {@code ludus_webhook_lag_seconds} ({@link #lagMillis}), and how many
     * events were held back for it and for how long in all.
     */
    void bindTo(io.micrometer.core.instrument.MeterRegistry registry) {
        io.micrometer.core.instrument.Gauge.builder("ludus_webhook_lag_seconds", this, dispatcher ->
                dispatcher.lagMillis() / 1000.0)
                .description("How late this node's deliveries to prompt endpoints are (events wait beyond "
                        + "LUDUS_WEBHOOK_MAX_LAG)")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("ludus_events_held", held, LongAdder::sum)
                .description("Events held back because webhook deliveries lagged")
                .register(registry);
        io.micrometer.core.instrument.FunctionCounter.builder("ludus_events_held_seconds", heldNanos,
                        adder -> adder.sum() / 1e9)
                .description("Time events were held back because webhook deliveries lagged")
                .register(registry);
    }

    private void await() throws InterruptedException {
        lock.lock();
        try {
            if (!woken) {
                signal.await(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
    }

    /** Sends one delivery and records what came of it; {@code onAnswer} runs once the HTTP exchange is over. */
    private Result attempt(DeliveryStore.Claimed claimed, boolean oneShot, Runnable onAnswer) {
        Instant attemptedAt = now();
        Optional<Target> found = target(claimed.endpointId(), attemptedAt);
        if (found.isEmpty()) {
            onAnswer.run();
            return new Result(DeliveryStore.FAILED, null, 0, "the endpoint was deleted", Optional.empty());
        }
        Endpoint endpoint = found.get().endpoint();
        if (!endpoint.enabled() && !oneShot) {
            onAnswer.run();
            writes.claim(handle -> {
                deliveries.release(handle, List.of(claimed.seq()));
                return null;
            });
            return new Result(DeliveryStore.PENDING, null, 0, "the endpoint is disabled", Optional.empty());
        }
        List<String> secrets = found.get().secrets();
        URI url = URI.create(endpoint.url());
        Optional<String> refusal = guard.refusal(url);
        long started = System.nanoTime();
        Integer status = null;
        String response;
        Optional<Duration> retryAfter = Optional.empty();
        if (refusal.isPresent()) {
            response = "not sent: " + refusal.get();
        } else {
            try {
                byte[] body = claimed.payload().getBytes(StandardCharsets.UTF_8);
                long timestamp = attemptedAt.getEpochSecond();
                HttpRequest request = HttpRequest.newBuilder(url)
                        .timeout(timeout)
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "Ludus-Webhooks/1")
                        .header("webhook-id", claimed.messageId())
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature", WebhookSigner.signatures(secrets, claimed.messageId(), timestamp,
                                body))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build();
                HttpResponse<InputStream> answer = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                status = answer.statusCode();
                try (InputStream in = answer.body()) {
                    response = new String(in.readNBytes(SNIPPET_BYTES), StandardCharsets.UTF_8);
                }
                retryAfter = RetryPolicy.retryAfter(answer.headers().firstValue("Retry-After"), now());
            } catch (IOException e) {
                response = "no answer: " + (e instanceof java.net.http.HttpTimeoutException
                        ? "timed out after " + timeout.toMillis() + " ms" : e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                response = "no answer: interrupted (the node is stopping)";
            } catch (IllegalArgumentException e) {
                response = "not sent: " + e.getMessage();
            }
        }
        long latency = (System.nanoTime() - started) / 1_000_000;
        onAnswer.run();
        Result result = record(claimed, endpoint, oneShot, status, latency, truncate(response), attemptedAt,
                retryAfter);
        if (!result.status().equals(DeliveryStore.SUCCEEDED)) {
            // it may have been disabled: read it again next time
            targets.remove(endpoint.id());
        }
        return result;
    }

    /** The endpoint of an attempt and its live secrets, read again after {@link #ENDPOINT_CACHE} or a change. */
    private Optional<Target> target(String endpointId, Instant now) {
        long changes = service.changes();
        long nanos = System.nanoTime();
        Target cached = targets.get(endpointId);
        if (cached != null && cached.changes() == changes && nanos - cached.readAt() < ENDPOINT_CACHE.toNanos()
                && cached.secretsChange().map(now::isBefore).orElse(true)) {
            return Optional.of(cached);
        }
        Optional<Target> read = jdbi.withHandle(handle -> service.store().find(handle, endpointId).map(endpoint -> {
            EndpointStore.LiveSecrets live = service.store().live(handle, endpointId, now);
            return new Target(endpoint, live.secrets(), live.firstExpiry(), changes, nanos);
        }));
        read.ifPresentOrElse(target -> targets.put(endpointId, target), () -> targets.remove(endpointId));
        return read;
    }

    private Result record(DeliveryStore.Claimed claimed, Endpoint endpoint, boolean oneShot, Integer status,
            long latency, String response, Instant attemptedAt, Optional<Duration> retryAfter) {
        int attempt = claimed.attempts() + 1;
        Instant now = now();
        return writes.record(handle -> {
            Optional<Optional<Instant>> failingSince = service.store().failingSince(handle, endpoint.id());
            if (failingSince.isEmpty()) {
                // the endpoint was deleted meanwhile
                return new Result(DeliveryStore.FAILED, status, latency, response, Optional.empty());
            }
            if (status != null && status >= 200 && status < 300) {
                if (failingSince.get().isPresent()) {
                    service.store().succeeding(handle, endpoint.id());
                }
                deliveries.recordAttempt(handle, claimed, attempt, DeliveryStore.SUCCEEDED, status, latency, response,
                        attemptedAt, Optional.empty());
                counter.attempted(handle, endpoint.applicationId(), AttemptCounter.Outcome.DELIVERED, now);
                return new Result(DeliveryStore.SUCCEEDED, status, latency, response, Optional.empty());
            }
            if (status != null && status == 410) {
                deliveries.recordAttempt(handle, claimed, attempt, DeliveryStore.FAILED, status, latency, response,
                        attemptedAt, Optional.empty());
                counter.attempted(handle, endpoint.applicationId(), AttemptCounter.Outcome.GIVEN_UP, now);
                if (endpoint.enabled()) {
                    service.disable(handle, endpoint, "the endpoint answered 410 Gone", now);
                    LOG.info("webhook endpoint {} of {} answered 410 Gone; disabled", endpoint.id(),
                            endpoint.applicationId());
                }
                return new Result(DeliveryStore.FAILED, status, latency, response, Optional.empty());
            }
            Optional<Instant> next = oneShot ? Optional.empty() : policy.next(attempt, now, retryAfter);
            String outcome = next.isPresent() ? DeliveryStore.PENDING : DeliveryStore.FAILED;
            deliveries.recordAttempt(handle, claimed, attempt, outcome, status, latency, response, attemptedAt, next);
            counter.attempted(handle, endpoint.applicationId(),
                    next.isPresent() ? AttemptCounter.Outcome.RETRYING : AttemptCounter.Outcome.GIVEN_UP, now);
            if (!oneShot) {
                Instant since = service.store().failing(handle, endpoint.id(), attemptedAt);
                if (endpoint.enabled() && Duration.between(since, now).compareTo(RetryPolicy.DISABLE_AFTER) >= 0) {
                    service.disable(handle, endpoint, "no delivery succeeded since " + since + " (failing for 5 days)",
                            now);
                    LOG.info("webhook endpoint {} of {} failed for 5 days; disabled", endpoint.id(),
                            endpoint.applicationId());
                }
            }
            return new Result(outcome, status, latency, response, next);
        });
    }

    private static String truncate(String response) {
        return response.length() <= SNIPPET_BYTES ? response : response.substring(0, SNIPPET_BYTES);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Gives back the claims of the deliveries still queued on this node, so that any node may send them at once. */
    private void releaseQueued() {
        List<DeliveryStore.Claimed> queued = lanes.drain();
        if (queued.isEmpty()) {
            return;
        }
        queued.forEach(delivery -> inFlight.remove(delivery.seq()));
        try {
            writes.claim(handle -> {
                deliveries.release(handle, queued.stream().map(DeliveryStore.Claimed::seq).toList());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("could not give back {} claimed webhook deliveries at stop ({}); they are sent once their "
                    + "claims expire", queued.size(), e.toString());
        }
    }

    /**
     * Stops claiming, gives back the claims of deliveries not yet attempted, lets attempts in flight
     * finish for up to the timeout, then stops them.
     */
    @Override
    public void close() {
        running = false;
        Thread current = loop;
        if (current != null) {
            current.interrupt();
            try {
                current.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        releaseQueued();
        attempts.shutdown();
        try {
            if (!attempts.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                attempts.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            attempts.shutdownNow();
        }
        writes.close();
        client.close();
    }
}
