package dev.ludus.stats;

/**
 * What a row of {@code stats_counts} counts; the wire name is its column value and the member of a
 * bucket in {@code GET /v1/stats}.
 */
enum Counter {
    /** Events recorded (each {@code POST /v1/events} and each event of a batch that was written). */
    EVENTS("events"),
    /** Users with at least one event in the hour. */
    ACTIVE_USERS("active_users"),
    /** Users with at least one event in the UTC day: its rows are bucketed by the day's start. */
    ACTIVE_USERS_DAILY("active_users_daily"),
    /** Users with at least one event in the ISO week (from Monday 00:00 UTC): bucketed by the week's start. */
    ACTIVE_USERS_WEEKLY("active_users_weekly"),
    /** Points granted, by points system: rule awards and positive adjustments (spending is not counted). */
    POINTS_AWARDED("points_awarded"),
    /** Achievements unlocked, by achievement (by an event, a completion or a backfill). */
    ACHIEVEMENTS_UNLOCKED("achievements_unlocked"),
    /** Streak periods extended, by streak. */
    STREAKS_EXTENDED("streaks_extended"),
    /** Streaks lost (broken), by streak, when the write that finds them broken happens. */
    STREAKS_LOST("streaks_lost"),
    /** Webhook delivery attempts, by outcome. */
    WEBHOOK_DELIVERIES("webhook_deliveries"),
    /** Authenticated {@code /v1} requests, by authentication method. */
    REQUESTS("requests");

    private final String wireName;

    Counter(String wireName) {
        this.wireName = wireName;
    }

    String wireName() {
        return wireName;
    }

    static java.util.Optional<Counter> ofWireName(String name) {
        for (Counter counter : values()) {
            if (counter.wireName.equals(name)) {
                return java.util.Optional.of(counter);
            }
        }
        return java.util.Optional.empty();
    }
}
