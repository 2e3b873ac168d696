package dev.ludus.stats;

import dev.ludus.auth.AuthMethod;
import dev.ludus.webhook.AttemptCounter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The answer of a stats read: every bucket of the range, in order, empty ones included, each with
 * every counter. Built from the totals the store added up.
 *
 * @param from the start of the first bucket
 * @param to the end of the last bucket
 */
public record StatsSeries(String interval, Instant from, Instant to, List<Bucket> buckets) {

    /**
     * One bucket's figures. Maps by item are sorted by key and hold only items with a count, but
     * {@code webhookDeliveries} and {@code requests} name every outcome and method.
     *
     * @param activeUsers distinct users with an event in the bucket (per application; the operator's
     *     sum over applications counts a user of two applications twice)
     * @param groups the game's figures split by group: {@code game} (users who play) and {@code control}
     *     (the application's control group), which add up to the bucket's
     */
    public record Bucket(Instant start, long events, long activeUsers, Map<String, Long> pointsAwarded,
            Map<String, Long> achievementsUnlocked, Map<String, Long> streaksExtended, Map<String, Long> streaksLost,
            Map<String, Long> webhookDeliveries, Map<String, Long> requests, Map<String, GroupFigures> groups) { }

    /** The figures of one group of users in a bucket. */
    public record GroupFigures(long events, long activeUsers, Map<String, Long> pointsAwarded,
            Map<String, Long> achievementsUnlocked, Map<String, Long> streaksExtended, Map<String, Long> streaksLost) {

        /** The figures of everyone but {@code control}. */
        GroupFigures minus(GroupFigures control) {
            return new GroupFigures(events - control.events, activeUsers - control.activeUsers,
                    minus(pointsAwarded, control.pointsAwarded), minus(achievementsUnlocked, control.achievementsUnlocked),
                    minus(streaksExtended, control.streaksExtended), minus(streaksLost, control.streaksLost));
        }

        private static Map<String, Long> minus(Map<String, Long> all, Map<String, Long> part) {
            Map<String, Long> rest = new TreeMap<>();
            all.forEach((item, count) -> {
                long left = count - part.getOrDefault(item, 0L);
                if (left != 0) {
                    rest.put(item, left);
                }
            });
            return rest;
        }
    }

    /** The counters of distinct active users, one per bucket size: they never add up across sizes. */
    static final java.util.Set<Counter> ACTIVE_USERS = java.util.EnumSet.of(Counter.ACTIVE_USERS,
            Counter.ACTIVE_USERS_DAILY, Counter.ACTIVE_USERS_WEEKLY);

    /** {@link #ACTIVE_USERS} of the control group. */
    static final java.util.Set<Counter> CONTROL_ACTIVE_USERS = java.util.EnumSet.of(Counter.CONTROL_ACTIVE_USERS,
            Counter.CONTROL_ACTIVE_USERS_DAILY, Counter.CONTROL_ACTIVE_USERS_WEEKLY);

    static StatsSeries of(StatsQuery query, List<StatsStore.Total> totals) {
        long size = query.interval().millis();
        int count = Math.toIntExact((query.to() - query.from()) / size);
        List<Map<Counter, Map<String, Long>>> byBucket = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byBucket.add(new LinkedHashMap<>());
        }
        for (StatsStore.Total total : totals) {
            // hourly active users do not add up to a day's or a week's: each size has a counter of its own
            Counter counter = total.counter();
            if (ACTIVE_USERS.contains(counter)) {
                if (counter != query.interval().activeUsers()) {
                    continue;
                }
                counter = Counter.ACTIVE_USERS;
            } else if (CONTROL_ACTIVE_USERS.contains(counter)) {
                if (counter != query.interval().activeUsers().control().orElseThrow()) {
                    continue;
                }
                counter = Counter.CONTROL_ACTIVE_USERS;
            }
            int index = Math.toIntExact((query.interval().start(total.bucketAt()) - query.from()) / size);
            byBucket.get(index).computeIfAbsent(counter, key -> new TreeMap<>())
                    .merge(total.item(), total.total(), Long::sum);
        }
        List<Bucket> buckets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Map<Counter, Map<String, Long>> figures = byBucket.get(i);
            Map<String, Long> deliveries = new LinkedHashMap<>();
            for (AttemptCounter.Outcome outcome : AttemptCounter.Outcome.values()) {
                deliveries.put(outcome.wireName(), item(figures, Counter.WEBHOOK_DELIVERIES, outcome.wireName()));
            }
            Map<String, Long> requests = new LinkedHashMap<>();
            for (AuthMethod method : AuthMethod.values()) {
                requests.put(method.wireName(), item(figures, Counter.REQUESTS, method.wireName()));
            }
            GroupFigures all = new GroupFigures(item(figures, Counter.EVENTS, ""), item(figures, Counter.ACTIVE_USERS, ""),
                    items(figures, Counter.POINTS_AWARDED), items(figures, Counter.ACHIEVEMENTS_UNLOCKED),
                    items(figures, Counter.STREAKS_EXTENDED), items(figures, Counter.STREAKS_LOST));
            GroupFigures control = new GroupFigures(item(figures, Counter.CONTROL_EVENTS, ""),
                    item(figures, Counter.CONTROL_ACTIVE_USERS, ""), items(figures, Counter.CONTROL_POINTS_AWARDED),
                    items(figures, Counter.CONTROL_ACHIEVEMENTS_UNLOCKED), items(figures, Counter.CONTROL_STREAKS_EXTENDED),
                    items(figures, Counter.CONTROL_STREAKS_LOST));
            Map<String, GroupFigures> groups = new LinkedHashMap<>();
            groups.put("game", all.minus(control));
            groups.put("control", control);
            buckets.add(new Bucket(Instant.ofEpochMilli(query.from() + i * size), all.events(), all.activeUsers(),
                    all.pointsAwarded(), all.achievementsUnlocked(), all.streaksExtended(), all.streaksLost(),
                    deliveries, requests, groups));
        }
        return new StatsSeries(query.interval().wireName(), Instant.ofEpochMilli(query.from()),
                Instant.ofEpochMilli(query.to()), buckets);
    }

    private static long item(Map<Counter, Map<String, Long>> figures, Counter counter, String item) {
        return figures.getOrDefault(counter, Map.of()).getOrDefault(item, 0L);
    }

    private static Map<String, Long> items(Map<Counter, Map<String, Long>> figures, Counter counter) {
        return figures.getOrDefault(counter, Map.of());
    }
}
