package dev.ludus.http;

import dev.ludus.config.ConfigException;
import dev.ludus.config.TlsSettings;
import io.helidon.common.tls.Tls;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps HTTPS serving the certificate in the files: every {@link TlsSettings#reloadCheck()} it
 * compares the files' bytes with the ones being served and, when they differ, reads and checks them
 * again and hands the new {@link Tls} to the listener, for the connections opened from then on. A
 * renewal written in two steps (the certificate, then the key) is mismatched for a moment: such a
 * pair is logged and skipped, the current certificate stays, and the next check tries again.
 *
 * <p>{@link #current()} is read by any thread (a listener restarted by its watchdog takes it); the
 * rest belongs to the timer thread.
 */
public final class TlsReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TlsReloader.class);

    private final TlsSettings settings;
    private final ScheduledExecutorService timer;
    private volatile TlsMaterial current;
    /** Fingerprint of the files last tried and refused, so a bad pair is logged once, not every check. */
    private byte[] refused;

    /** Reads the files once (a problem is a {@link ConfigException}: start-up stops). */
    public TlsReloader(TlsSettings settings) {
        this.settings = settings;
        this.current = TlsMaterial.read(settings);
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("ludus-tls-reload").daemon(true).factory());
        LOG.info("serving HTTPS with the certificate {}", current.describe());
    }

    /** The TLS set-up for a listener started now. */
    public Tls current() {
        return current.tls();
    }

    /** Starts checking the files; each change that reads well is given to {@code listener}. */
    public void start(Consumer<Tls> listener) {
        long period = settings.reloadCheck().toMillis();
        timer.scheduleWithFixedDelay(() -> check(listener), period, period, TimeUnit.MILLISECONDS);
    }

    /** Compares the files with the ones served; loads and applies them when they changed and are good. */
    void check(Consumer<Tls> listener) {
        try {
            byte[] seen = TlsMaterial.fingerprintOf(settings);
            if (seen == null || Arrays.equals(seen, current.fingerprint()) || Arrays.equals(seen, refused)) {
                return;
            }
            TlsMaterial fresh;
            try {
                fresh = TlsMaterial.read(settings);
            } catch (ConfigException e) {
                refused = seen;
                LOG.warn("the TLS files changed but cannot be served, so the current certificate stays: {}",
                        e.getMessage());
                return;
            }
            listener.accept(fresh.tls());
            current = fresh;
            refused = null;
            LOG.info("reloaded the TLS certificate: {} (new connections get it)", fresh.describe());
        } catch (RuntimeException e) {
            LOG.error("checking the TLS files failed; the current certificate stays", e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
