package dev.ludus.client;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;

/**
 * A line of {@link ExportsApi#users(String)} ({@code GET /v1/export/users}): the user's profile with
 * their totals, balances and achievements.
 *
 * @param lastActiveAt when Ludus last received an event for the user; their creation until the first
 * @param flaggedAt when a velocity guard flagged the user ({@link User#flag()}); null when not flagged
 * @param controlGroup whether the user is in the application's control group
 * @param metrics the user's total of each metric they have one of, by metric key
 * @param points the user's balance in each points system they have one in, by system key
 * @param achievements when the user unlocked each achievement they hold, by achievement key
 * @param locale the user's own language (a BCP 47 tag, {@link User#locale()}); null when they have none
 */
public record ExportedUser(String id, String name, String email, String timezone, Map<String, String> attributes,
        Instant createdAt, Instant updatedAt, Instant lastActiveAt, Instant flaggedAt, boolean controlGroup,
        Map<String, BigDecimal> metrics, Map<String, Long> points, Map<String, Instant> achievements, String locale) {

    /** An exported user without a {@code locale} (as before it was exported). */
    public ExportedUser(String id, String name, String email, String timezone, Map<String, String> attributes,
            Instant createdAt, Instant updatedAt, Instant lastActiveAt, Instant flaggedAt, boolean controlGroup,
            Map<String, BigDecimal> metrics, Map<String, Long> points, Map<String, Instant> achievements) {
        this(id, name, email, timezone, attributes, createdAt, updatedAt, lastActiveAt, flaggedAt, controlGroup, metrics,
                points, achievements, null);
    }
}
