package dev.ludus.webhook;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When to try a delivery again: the Standard Webhooks schedule (immediately, then 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h, 10 h after each failure) with ±20 % jitter, or later when the endpoint
 * asked for it with {@code Retry-After}. Pure but for the random jitter.
 */
public final class RetryPolicy {

    /** The waits before attempts 2 to 8; attempt 1 is immediate. */
    public static final List<Duration> SCHEDULE = List.of(Duration.ofSeconds(5), Duration.ofMinutes(5),
            Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10),
            Duration.ofHours(10));
    /** Attempts in all before a message is marked failed. */
    public static final int MAX_ATTEMPTS = SCHEDULE.size() + 1;
    /** An endpoint failing without a success for this long is disabled. */
    public static final Duration DISABLE_AFTER = Duration.ofDays(5);
    /** The longest {@code Retry-After} honoured: a day. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofDays(1);

    private final RandomGenerator random;

    public RetryPolicy(RandomGenerator random) {
        this.random = random;
    }

    /**
     * When attempt {@code attempts + 1} is due after attempt {@code attempts} failed at {@code now};
     * empty when the schedule is exhausted. {@code retryAfter} is honoured when it is later.
     */
    public Optional<Instant> next(int attempts, Instant now, Optional<Duration> retryAfter) {
        if (attempts >= MAX_ATTEMPTS) {
            return Optional.empty();
        }
        long millis = SCHEDULE.get(attempts - 1).toMillis();
        long jittered = Math.round(millis * (0.8 + 0.4 * random.nextDouble()));
        Duration wait = Duration.ofMillis(jittered);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
            wait = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
        }
        return Optional.of(now.plus(wait));
    }

    /** A {@code Retry-After} value (delay in seconds or an HTTP date) as a wait from {@code now}. */
    public static Optional<Duration> retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Optional.of(Duration.between(now, at)) : Optional.empty();
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
