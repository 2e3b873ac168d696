package dev.ludus;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the composition root has started, to be closed in reverse order: the last thing started
 * stops first (the listener before the writers it feeds, the writers before the store). A close that
 * throws does not stop the others; the first failure is rethrown with the later ones suppressed, as
 * try-with-resources does.
 *
 * <p>Thread-safety: registration happens on the starting thread; {@link #close} is synchronized and
 * closes everything once.
 */
final class Closer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    private final Deque<Named> started = new ArrayDeque<>();

    private record Named(String name, AutoCloseable closeable) { }

    /** Registers {@code closeable} under {@code name} (for the log) and returns {@code value}. */
    <T> T add(String name, T value, AutoCloseable closeable) {
        started.push(new Named(name, closeable));
        return value;
    }

    /** Registers a component that is its own closeable. */
    <T extends AutoCloseable> T add(String name, T closeable) {
        return add(name, closeable, closeable);
    }

    /**
     * Closes everything registered, last first, each once.
     *
     * @throws RuntimeException the first failure, with the later ones suppressed
     */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            Named next = started.pop();
            long started = System.nanoTime();
            try {
                next.closeable().close();
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (millis >= 20) {
                    LOG.debug("closing {} took {} ms", next.name(), millis);
                }
            } catch (Exception e) {
                LOG.warn("closing {} failed; closing the rest", next.name(), e);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = e instanceof RuntimeException runtime ? runtime
                            : new IllegalStateException("closing " + next.name() + " failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Closes everything after a failed start, adding what fails to {@code cause}. */
    void closeAfter(RuntimeException cause) {
        try {
            close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
