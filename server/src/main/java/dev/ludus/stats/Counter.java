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
    /** {@link #EVENTS} of the users of the application's control group (counted in both). */
    CONTROL_EVENTS("control_events"),
    /** {@link #ACTIVE_USERS} of the control group. */
    CONTROL_ACTIVE_USERS("control_active_users"),
    /** {@link #ACTIVE_USERS_DAILY} of the control group. */
    CONTROL_ACTIVE_USERS_DAILY("control_active_users_daily"),
    /** {@link #ACTIVE_USERS_WEEKLY} of the control group. */
    CONTROL_ACTIVE_USERS_WEEKLY("control_active_users_weekly"),
    /** {@link #POINTS_AWARDED} to the control group. */
    CONTROL_POINTS_AWARDED("control_points_awarded"),
    /** {@link #ACHIEVEMENTS_UNLOCKED} by the control group. */
    CONTROL_ACHIEVEMENTS_UNLOCKED("control_achievements_unlocked"),
    /** {@link #STREAKS_EXTENDED} of the control group. */
    CONTROL_STREAKS_EXTENDED("control_streaks_extended"),
    /** {@link #STREAKS_LOST} of the control group. */
    CONTROL_STREAKS_LOST("control_streaks_lost"),
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

    /**
     * The counter of the same figure for the control group only; empty for the counters that are not
     * split by group (deliveries, requests, and the control group's own).
     */
    java.util.Optional<Counter> control() {
        return java.util.Optional.ofNullable(switch (this) {
            case EVENTS -> CONTROL_EVENTS;
            case ACTIVE_USERS -> CONTROL_ACTIVE_USERS;
            case ACTIVE_USERS_DAILY -> CONTROL_ACTIVE_USERS_DAILY;
            case ACTIVE_USERS_WEEKLY -> CONTROL_ACTIVE_USERS_WEEKLY;
            case POINTS_AWARDED -> CONTROL_POINTS_AWARDED;
            case ACHIEVEMENTS_UNLOCKED -> CONTROL_ACHIEVEMENTS_UNLOCKED;
            case STREAKS_EXTENDED -> CONTROL_STREAKS_EXTENDED;
            case STREAKS_LOST -> CONTROL_STREAKS_LOST;
            default -> null;
        });
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
