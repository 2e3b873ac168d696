package dev.ludus.http;

import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts off clients that send a request too slowly (slowloris): the headers of a request must
 * arrive within the header timeout of its request line, and its body must arrive and be handled
 * within the body timeout of its headers. The wait for a request line is Helidon's idle timeout.
 *
 * <p>Where each connection stands comes from Helidon's HTTP/1 connection listeners: the receive
 * listener hears the request line and the headers, the send listener hears the status of the
 * answer. Deadlines are kept in a concurrent map keyed by connection (the only shared state); a
 * sweeper thread closes the socket of every connection past its deadline. An entry leaves the map
 * when the answer starts or when its deadline passes, so a vanished connection stays at most until
 * its deadline.
 */
public final class RequestDeadlines implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlines.class);

    /** What a connection is late with. */
    private enum Phase { HEADERS, BODY }

    private record Deadline(Phase phase, long nanos) { }

    private final Duration headerTimeout;
    private final Duration bodyTimeout;
    private final Map<ConnectionContext, Deadline> deadlines = new ConcurrentHashMap<>();
    private final Counter headersLate;
    private final Counter bodyLate;
    private final ScheduledExecutorService sweeper;

    public RequestDeadlines(Duration headerTimeout, Duration bodyTimeout, MeterRegistry registry) {
        this.headerTimeout = headerTimeout;
        this.bodyTimeout = bodyTimeout;
        this.headersLate = lateCounter(registry, Phase.HEADERS);
        this.bodyLate = lateCounter(registry, Phase.BODY);
        long period = Math.clamp(Math.min(headerTimeout.toMillis(), bodyTimeout.toMillis()) / 4, 25, 1000);
        this.sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("ludus-request-deadlines").daemon(true).factory());
        sweeper.scheduleWithFixedDelay(this::sweep, period, period, TimeUnit.MILLISECONDS);
    }

    private static Counter lateCounter(MeterRegistry registry, Phase phase) {
        return Counter.builder("http.server.requests.too.slow")
                .description("connections closed because a request's headers or body arrived too slowly")
                .tag("phase", phase.name().toLowerCase(java.util.Locale.ROOT))
                .register(registry);
    }

    /** The listener to add to the HTTP/1 receive listeners. */
    public Http1ConnectionListener receiveListener() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext connection, HttpPrologue prologue) {
                deadlines.put(connection, new Deadline(Phase.HEADERS, System.nanoTime() + headerTimeout.toNanos()));
            }

            @Override
            public void headers(ConnectionContext connection, Headers headers) {
                deadlines.put(connection, new Deadline(Phase.BODY, System.nanoTime() + bodyTimeout.toNanos()));
            }
        };
    }

    /** The listener to add to the HTTP/1 send listeners: an answer ends the request's deadline. */
    public Http1ConnectionListener sendListener() {
        return new Http1ConnectionListener() {
            @Override
            public void status(ConnectionContext connection, Status status) {
                deadlines.remove(connection);
            }
        };
    }

    private void sweep() {
        long now = System.nanoTime();
        deadlines.forEach((connection, deadline) -> {
            if (now - deadline.nanos() > 0 && deadlines.remove(connection, deadline)) {
                boolean headers = deadline.phase() == Phase.HEADERS;
                (headers ? headersLate : bodyLate).increment();
                LOG.info("closed the connection from {}: {} {}", connection.remotePeer().address(),
                        headers ? "the request's headers did not arrive within" : "the request was not received and"
                                + " answered within", headers ? headerTimeout : bodyTimeout);
                try {
                    connection.serverSocket().close();
                } catch (RuntimeException e) {
                    LOG.debug("closing a late connection failed", e);
                }
            }
        });
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
