package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;

/**
 * A points system as the server holds it ({@code /v1/points}), in canonical form: every member
 * present, {@code per} and {@code filter} filled in; its name and description as given, last
 * ({@link Described}).
 *
 * @param maxPoints the cap on the balance, or null
 * @param levels its levels, each with its name as given and its picture
 * @param caps its earning caps; empty for none (and from a server without caps)
 * @param archivedAt when it was archived; null while active
 * @param localizedName the name as given (the key when none was)
 * @param localizedDescription the description as given, or null
 * @param expiry when earned points expire; null when they never do (and from a server without expiry)
 * @param season its seasons, with every member ({@code timezone} and {@code weekStart} filled in); null
 *         without seasons (and from a server without seasons)
 */
public record PointsSystem(String key, List<PointsTrigger> triggers, Long maxPoints, boolean allowNegative,
        List<Level> levels, List<EarningCap> caps, Instant createdAt, Instant updatedAt, Instant archivedAt,
        @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription, PointsExpiry expiry, PointsSeason season)
        implements Described {

    public PointsSystem {
        caps = caps == null ? List.of() : caps;
    }

    /**
     * The points system without seasons, as this record was before it had {@link #season()}, so that code
     * building answers (test doubles) keeps compiling.
     */
    public PointsSystem(String key, List<PointsTrigger> triggers, Long maxPoints, boolean allowNegative,
            List<Level> levels, List<EarningCap> caps, Instant createdAt, Instant updatedAt, Instant archivedAt,
            LocalizedText localizedName, LocalizedText localizedDescription, PointsExpiry expiry) {
        this(key, triggers, maxPoints, allowNegative, levels, caps, createdAt, updatedAt, archivedAt, localizedName,
                localizedDescription, expiry, null);
    }

    /**
     * The points system whose points never expire, as this record was before it had {@link #expiry()}, so
     * that code building answers (test doubles) keeps compiling.
     */
    public PointsSystem(String key, List<PointsTrigger> triggers, Long maxPoints, boolean allowNegative,
            List<Level> levels, List<EarningCap> caps, Instant createdAt, Instant updatedAt, Instant archivedAt,
            LocalizedText localizedName, LocalizedText localizedDescription) {
        this(key, triggers, maxPoints, allowNegative, levels, caps, createdAt, updatedAt, archivedAt, localizedName,
                localizedDescription, (PointsExpiry) null);
    }

    /** The points system with a plain name and description, as this record was before names by language. */
    public PointsSystem(String key, String name, String description, List<PointsTrigger> triggers, Long maxPoints,
            boolean allowNegative, List<Level> levels, List<EarningCap> caps, Instant createdAt, Instant updatedAt,
            Instant archivedAt) {
        this(key, triggers, maxPoints, allowNegative, levels, caps, createdAt, updatedAt, archivedAt,
                LocalizedText.orNull(name), LocalizedText.orNull(description));
    }

    /**
     * The points system without earning caps, as this record was before it had {@link #caps()} (an empty
     * list), so that code building answers (test doubles) keeps compiling.
     */
    public PointsSystem(String key, String name, String description, List<PointsTrigger> triggers, Long maxPoints,
            boolean allowNegative, List<Level> levels, Instant createdAt, Instant updatedAt, Instant archivedAt) {
        this(key, name, description, triggers, maxPoints, allowNegative, levels, List.of(), createdAt, updatedAt,
                archivedAt);
    }

    /** Its points' lifetime in days (1 to 3650), or null when they never expire. */
    public Integer expiresAfterDays() {
        return expiry == null ? null : expiry.afterDays();
    }

    /** Its definition, to change a member and {@code PUT} it back (a {@code PUT} replaces the whole definition). */
    public PointsSystemDefinition definition() {
        return new PointsSystemDefinition(triggers, maxPoints, allowNegative, levels, caps.isEmpty() ? null : caps,
                localizedName, localizedDescription, expiry, season);
    }
}
