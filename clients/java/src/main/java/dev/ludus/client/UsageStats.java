package dev.ludus.client;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The answer of {@code GET /v1/stats}: usage figures kept at write time, one bucket per UTC hour or
 * day of the range, empty ones included (docs/stats.md).
 *
 * @param interval {@code hour}, {@code day} or {@code week}
 * @param from the start of the first bucket
 * @param to the end of the last bucket
 */
public record UsageStats(String interval, Instant from, Instant to, List<Bucket> buckets) {

    /**
     * One hour's or day's figures. The maps by key hold only keys with a count;
     * {@code webhookDeliveries} ({@code delivered}, {@code retrying}, {@code given_up}) and
     * {@code requests} ({@code jwt}, {@code auth_token}, {@code ecdsa}) name every outcome and method.
     *
     * @param activeUsers distinct users with an event in the bucket (for a day, in the UTC day)
     * @param pointsAwarded points granted per points system (spending not counted)
     * @param groups the events, active users, points, achievements and streaks split between the users who
     *         play and the application's control group ({@link Application#controlGroupPercent()}); null
     *         from a server without control groups
     */
    public record Bucket(Instant start, long events, long activeUsers, Map<String, Long> pointsAwarded,
            Map<String, Long> achievementsUnlocked, Map<String, Long> streaksExtended, Map<String, Long> streaksLost,
            Map<String, Long> webhookDeliveries, Map<String, Long> requests, Groups groups) {

        /**
         * The bucket without groups, as this record was before it had {@link #groups()} (null), so that code
         * building answers (test doubles) keeps compiling.
         */
        public Bucket(Instant start, long events, long activeUsers, Map<String, Long> pointsAwarded,
                Map<String, Long> achievementsUnlocked, Map<String, Long> streaksExtended,
                Map<String, Long> streaksLost, Map<String, Long> webhookDeliveries, Map<String, Long> requests) {
            this(start, events, activeUsers, pointsAwarded, achievementsUnlocked, streaksExtended, streaksLost,
                    webhookDeliveries, requests, null);
        }
    }

    /**
     * A bucket's figures by group; the two add up to the bucket's own. A write counts in the group its user
     * was in when it happened.
     *
     * @param game the users who play
     * @param control the application's control group
     */
    public record Groups(Group game, Group control) { }

    /**
     * One group's figures in a bucket ({@code StatsGroup}); the maps by key hold only keys with a count.
     *
     * @param activeUsers distinct users of the group with an event in the bucket
     * @param pointsAwarded points granted per points system (spending not counted)
     */
    public record Group(long events, long activeUsers, Map<String, Long> pointsAwarded,
            Map<String, Long> achievementsUnlocked, Map<String, Long> streaksExtended,
            Map<String, Long> streaksLost) { }
}
