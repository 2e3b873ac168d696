package dev.ludus.client.internal;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The frozen settings of a client, checked once when it is built.
 *
 * @param baseUrl scheme, host, port and optional path prefix of the server, without a trailing slash
 * @param connectTimeout longest wait for a TCP connection
 * @param requestTimeout longest wait for one answer
 * @param maxRetries how many times a 429 or 503 answer is retried (0 turns retries off)
 * @param maxRetryDelay longest wait before a retry; a longer {@code Retry-After} is not waited for
 * @param clock the time that token lifetimes, caching, ECDSA timestamps and webhook checks read
 * @param acceptLanguage the {@code Accept-Language} header of every request, or null for none
 */
public record ClientOptions(URI baseUrl, Duration connectTimeout, Duration requestTimeout, int maxRetries,
        Duration maxRetryDelay, Clock clock, String acceptLanguage) {

    /** The longest {@code Accept-Language} value sent. */
    private static final int MAX_ACCEPT_LANGUAGE = 1000;

    public ClientOptions {
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (baseUrl.getScheme() == null || !(baseUrl.getScheme().equals("http") || baseUrl.getScheme().equals("https"))
                || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http or https URL with a host, was " + baseUrl);
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(maxRetryDelay, "maxRetryDelay");
        if (maxRetries < 0 || maxRetries > 10) {
            throw new IllegalArgumentException("maxRetries must be from 0 to 10, was " + maxRetries);
        }
        Objects.requireNonNull(clock, "clock");
        if (acceptLanguage != null && (acceptLanguage.isBlank() || acceptLanguage.length() > MAX_ACCEPT_LANGUAGE
                || !acceptLanguage.chars().allMatch(c -> c >= 0x20 && c < 0x7f))) {
            throw new IllegalArgumentException("acceptLanguage must be 1 to " + MAX_ACCEPT_LANGUAGE
                    + " printable ASCII characters such as \"fr, en;q=0.5\", was \"" + acceptLanguage + "\"");
        }
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, was " + duration);
        }
    }
}
