package dev.ludus.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The hand-over to watchers: filters, a full queue drops and counts, never waits; payloads within PostgreSQL's limit. */
class LiveFeedTest {

    private static final Instant AT = Instant.parse("2026-12-03T10:15:30Z");

    private static LiveEntry entry(String app, String user, String metric, int n) {
        return new LiveEntry(app, user, "evt_" + n, metric, "1", AT, AT.plusMillis(n),
                List.of(new LiveEntry.Change("points", "+10 xp = " + (10 * n))));
    }

    @Test
    void aWatcherGetsOnlyTheEntriesOfItsApplicationUserAndMetric() throws InterruptedException {
        try (LiveFeed feed = new LiveFeed()) {
            LiveFeed.Watcher all = feed.watch("app_a", Optional.empty(), Optional.empty());
            LiveFeed.Watcher ada = feed.watch("app_a", Optional.of("ada"), Optional.of("steps"));

            feed.publish(entry("app_b", "ada", "steps", 1));
            feed.publish(entry("app_a", "bob", "steps", 2));
            feed.publish(entry("app_a", "ada", "lessons", 3));
            feed.publish(entry("app_a", "ada", "steps", 4));

            assertThat(drain(all)).extracting(LiveEntry::eventId).containsExactly("evt_2", "evt_3", "evt_4");
            assertThat(drain(ada)).extracting(LiveEntry::eventId).containsExactly("evt_4");
            all.close();
            ada.close();
            assertThat(feed.watched()).isFalse();
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws InterruptedException {
        try (LiveFeed feed = new LiveFeed(4)) {
            LiveFeed.Watcher slow = feed.watch("app_a", Optional.empty(), Optional.empty());
            LiveFeed.Watcher other = feed.watch("app_a", Optional.empty(), Optional.empty());

            for (int n = 1; n <= 10; n++) {
                feed.publish(entry("app_a", "ada", "steps", n)); // returns at once although nobody reads
            }

            assertThat(slow.takeDropped()).isEqualTo(6);
            assertThat(slow.takeDropped()).as("counted once").isZero();
            assertThat(drain(slow)).extracting(LiveEntry::eventId).containsExactly("evt_1", "evt_2", "evt_3", "evt_4");
            assertThat(other.takeDropped()).isEqualTo(6);
            feed.publish(entry("app_a", "ada", "steps", 11));
            assertThat(slow.next(Duration.ofSeconds(1))).get().extracting(LiveEntry::eventId).isEqualTo("evt_11");
        }
    }

    @Test
    void aGapIsToldToEveryWatcherOnceAndClosingEndsTheWatch() throws InterruptedException {
        LiveFeed feed = new LiveFeed();
        LiveFeed.Watcher watcher = feed.watch("app_a", Optional.empty(), Optional.empty());
        feed.gap();
        assertThat(watcher.takeGap()).isTrue();
        assertThat(watcher.takeGap()).isFalse();

        feed.close();
        long started = System.nanoTime();
        assertThat(watcher.next(Duration.ofMinutes(1))).isEmpty();
        assertThat(watcher.ended()).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void payloadsStayWithinPostgresqlsLimitAndReadBackInOrder() {
        List<LiveEntry> entries = new ArrayList<>();
        for (int n = 0; n < 300; n++) {
            entries.add(entry("app_a", "user-" + n, "steps", n));
        }
        List<LiveEntry.Change> many = new ArrayList<>();
        for (int n = 0; n < 200; n++) {
            many.add(new LiveEntry.Change("achievement", "unlocked achievement_with_a_long_key_" + n));
        }
        entries.add(new LiveEntry("app_a", "u".repeat(255), "evt_big", "steps", "1", AT, AT, many));

        List<String> payloads = LiveCodec.payloads(entries);

        assertThat(payloads).hasSizeGreaterThan(5).allSatisfy(payload ->
                assertThat(payload.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(LiveCodec.MAX_PAYLOAD));
        List<LiveEntry> read = payloads.stream().flatMap(payload -> LiveCodec.entries(payload).stream()).toList();
        assertThat(read).hasSize(301);
        assertThat(read.subList(0, 300)).isEqualTo(entries.subList(0, 300));
        assertThat(read.getLast().eventId()).isEqualTo("evt_big");
        assertThat(read.getLast().changes()).as("too long for one notification: sent without its changes").isEmpty();
    }

    private static List<LiveEntry> drain(LiveFeed.Watcher watcher) throws InterruptedException {
        List<LiveEntry> entries = new ArrayList<>();
        Optional<LiveEntry> next;
        while ((next = watcher.next(Duration.ofMillis(50))).isPresent()) {
            entries.add(next.get());
        }
        return entries;
    }
}
