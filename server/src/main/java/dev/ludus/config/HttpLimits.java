package dev.ludus.config;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * How long and how many connections the HTTP listener gives its clients, so that slow or idle
 * clients cannot hold every file descriptor of the process.
 *
 * @param idleTimeout how long a connection may wait for its next request line before it is closed
 * @param headerTimeout how long a client may take from the request line to the end of the headers
 * @param bodyTimeout how long a request may take from the end of its headers to the start of its
 *     answer: receiving the body and handling it
 * @param maxConnections how many connections are open at once; more wait in the listen backlog.
 *     0 means no limit (not recommended: at the open-file limit the listener fails)
 */
public record HttpLimits(Duration idleTimeout, Duration headerTimeout, Duration bodyTimeout, int maxConnections) {

    public static final String IDLE_TIMEOUT = "LUDUS_HTTP_IDLE_TIMEOUT";
    public static final String HEADER_TIMEOUT = "LUDUS_HTTP_HEADER_TIMEOUT";
    public static final String BODY_TIMEOUT = "LUDUS_HTTP_BODY_TIMEOUT";
    public static final String MAX_CONNECTIONS = "LUDUS_HTTP_MAX_CONNECTIONS";

    /**
     * File descriptors kept out of the connection limit for the JVM (its jars: about a hundred when
     * run from a class path rather than the one production jar), the store, the logs, webhooks and
     * Redis.
     */
    public static final int RESERVED_DESCRIPTORS = 256;
    /** The default connection limit when the open-file limit allows more. */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;

    public HttpLimits {
        requireWithin(IDLE_TIMEOUT, idleTimeout, Duration.ofSeconds(1), Duration.ofHours(1));
        requireWithin(HEADER_TIMEOUT, headerTimeout, Duration.ofMillis(100), Duration.ofMinutes(10));
        requireWithin(BODY_TIMEOUT, bodyTimeout, Duration.ofMillis(100), Duration.ofHours(1));
        if (maxConnections < 0) {
            throw new ConfigException(MAX_CONNECTIONS, "must be a whole number of connections (0 for no limit), was "
                    + maxConnections);
        }
    }

    /**
     * Reads the limits from {@code LUDUS_HTTP_*} variables. The connection limit must leave
     * {@link #RESERVED_DESCRIPTORS} of the process's open-file limit free; by default it takes the
     * rest, up to {@link #DEFAULT_MAX_CONNECTIONS}.
     */
    static HttpLimits from(Map<String, String> variables, long openFileLimit) {
        long ceiling = openFileLimit - RESERVED_DESCRIPTORS;
        Optional<String> configured = LudusConfig.value(variables, MAX_CONNECTIONS);
        int maxConnections;
        if (configured.isEmpty()) {
            if (ceiling < 16) {
                throw new ConfigException(MAX_CONNECTIONS, "has no usable default: the open-file limit (ulimit -n) is "
                        + openFileLimit + "; raise it to at least " + (RESERVED_DESCRIPTORS + 16));
            }
            maxConnections = (int) Math.min(DEFAULT_MAX_CONNECTIONS, ceiling);
        } else {
            long value = LudusConfig.parseWhole(MAX_CONNECTIONS, configured.get());
            if (value > 1_000_000) {
                throw new ConfigException(MAX_CONNECTIONS, "must be at most 1000000, was " + value);
            }
            if (value > ceiling) {
                throw new ConfigException(MAX_CONNECTIONS, "must be at most " + Math.max(ceiling, 0)
                        + ": the open-file limit (ulimit -n) is " + openFileLimit + " and " + RESERVED_DESCRIPTORS
                        + " descriptors are kept for the store, logs and webhooks; raise the limit or lower the"
                        + " setting, was " + value);
            }
            maxConnections = (int) value;
        }
        return new HttpLimits(
                LudusConfig.parseDuration(IDLE_TIMEOUT, LudusConfig.value(variables, IDLE_TIMEOUT).orElse("PT60S")),
                LudusConfig.parseDuration(HEADER_TIMEOUT, LudusConfig.value(variables, HEADER_TIMEOUT).orElse("PT10S")),
                LudusConfig.parseDuration(BODY_TIMEOUT, LudusConfig.value(variables, BODY_TIMEOUT).orElse("PT60S")),
                maxConnections);
    }

    /** The open-file limit of this process, or {@link Long#MAX_VALUE} where the platform does not say. */
    public static long openFileLimit() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix && unix.getMaxFileDescriptorCount() > 0) {
            return unix.getMaxFileDescriptorCount();
        }
        return Long.MAX_VALUE;
    }

    private static void requireWithin(String variable, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new ConfigException(variable, "must be a duration from " + min + " to " + max + ", was " + value);
        }
    }
}
