package dev.ludus.http;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web server, kept listening. Helidon stops a listener for good when accepting a connection
 * fails, and at the open-file limit accepting fails with "Too many open files". A watchdog thread
 * knocks on the port every {@code checkEvery}: a refused connection means the listener is gone, so
 * {@link #accepting()} turns false (readiness reports it) and a new web server is started on the
 * same port, again after a back-off that doubles up to 30 s while it keeps failing.
 *
 * <p>The current server and the state are volatile fields written by the watchdog thread (and by
 * {@link #close()}, which stops the watchdog first); the back-off fields belong to the watchdog
 * thread alone.
 */
public final class HttpListener implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpListener.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final IntFunction<WebServer> servers;
    private final Duration checkEvery;
    private final ScheduledExecutorService watchdog;
    private volatile WebServer server;
    private volatile int port = -1;
    private volatile boolean accepting;
    private Duration backoff;
    private long nextAttempt;

    /**
     * @param servers builds an unstarted web server listening on the given port
     * @param checkEvery how often the watchdog checks that the listener still accepts connections
     */
    public HttpListener(IntFunction<WebServer> servers, Duration checkEvery) {
        this.servers = servers;
        this.checkEvery = checkEvery;
        this.backoff = checkEvery;
        this.watchdog = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("ludus-listener-watchdog").daemon(true).factory());
    }

    /** Starts listening on {@code requestedPort} (0 for a free port) and starts the watchdog. */
    public void start(int requestedPort) {
        WebServer started = servers.apply(requestedPort).start();
        if (!started.isRunning() || started.port() < 0) {
            started.stop();
            throw new IllegalStateException("cannot listen on port " + requestedPort
                    + " (in use, or not allowed); set LUDUS_PORT to a free port");
        }
        server = started;
        port = started.port();
        accepting = true;
        watchdog.scheduleWithFixedDelay(this::check, checkEvery.toMillis(), checkEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** The port the server listens on. */
    public int port() {
        return port;
    }

    /** Whether the listener accepts connections (false from the watchdog seeing it gone until it is back). */
    public boolean accepting() {
        return accepting;
    }

    private void check() {
        try {
            if (accepting) {
                if (!refused()) {
                    return;
                }
                accepting = false;
                backoff = checkEvery;
                nextAttempt = System.nanoTime();
                LOG.error("the HTTP listener on port {} stopped accepting connections (see the error before, often"
                        + " 'Too many open files': lower LUDUS_HTTP_MAX_CONNECTIONS or raise ulimit -n); starting a"
                        + " new one", port);
            }
            if (System.nanoTime() - nextAttempt >= 0) {
                restart();
            }
        } catch (RuntimeException e) {
            LOG.error("the listener watchdog failed; it keeps watching", e);
        }
    }

    /** Whether a connection to the port is refused: nothing listens there any more. */
    private boolean refused() {
        try (Socket probe = new Socket()) {
            probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            // no descriptor for the probe, or a full backlog: the listener may well be there
            return false;
        }
    }

    private void restart() {
        WebServer old = server;
        if (old.isRunning()) {
            old.stop();
        }
        try {
            WebServer fresh = servers.apply(port).start();
            if (fresh.isRunning() && fresh.port() == port) {
                server = fresh;
                accepting = true;
                LOG.info("the HTTP listener accepts connections on port {} again", port);
                return;
            }
            fresh.stop();
        } catch (RuntimeException e) {
            LOG.warn("starting a new HTTP listener on port {} failed ({}); trying again in {}", port, e.toString(),
                    backoff);
        }
        nextAttempt = System.nanoTime() + backoff.toNanos();
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
    }

    /** Serves {@code tls} to the connections accepted from now on (the server must have started with TLS). */
    public void reloadTls(io.helidon.common.tls.Tls tls) {
        server.reloadTls(tls);
    }

    /** Stops the watchdog, then the server: running requests get the server's grace period. */
    @Override
    public void close() {
        watchdog.shutdownNow();
        try {
            if (!watchdog.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("the listener watchdog did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        WebServer current = server;
        if (current != null && current.isRunning()) {
            current.stop();
        }
    }
}
