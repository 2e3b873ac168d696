package dev.ludus.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ludus.store.Database;
import dev.ludus.testing.TestStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The auth change feed delivers every committed event, also one that commits after a later one. */
class AuthEventLogTest {

    private TestStore store;
    private Database database;
    private AuthEventLog feed;
    private final List<AuthEvent> delivered = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        store = TestStore.create();
        database = store.open();
        feed = new AuthEventLog(database.jdbi(), Clock.systemUTC(), Duration.ofHours(1));
        feed.subscribe(delivered::add);
        feed.start();
    }

    @AfterEach
    void close() {
        feed.close();
        database.close();
        store.drop();
    }

    @Test
    void deliversEachCommittedEventOnce() {
        // a watermark of now: one of 1970 would have expired, and the prune that start() runs in the
        // background could delete it before the polls read it
        long now = java.time.Instant.now().getEpochSecond();
        database.jdbi().useTransaction(handle -> feed.append(handle, new AuthEvent.AllRevoked("app_a", now)));
        feed.poll();
        feed.poll();
        assertThat(delivered).containsExactly(new AuthEvent.AllRevoked("app_a", now));
    }

    @Test
    void deliversAnEventThatCommitsAfterALaterOne() {
        assumeThat(TestStore.postgresql()).as("concurrent writers with out-of-order commits need PostgreSQL").isTrue();
        try (Handle slow = database.jdbi().open()) {
            slow.begin();
            feed.append(slow, new AuthEvent.TokenRevoked("app_a", "early", 4_000_000_000L));
            database.jdbi().useTransaction(handle -> feed.append(handle, new AuthEvent.TokenRevoked("app_a", "late", 4_000_000_000L)));
            feed.poll();
            assertThat(delivered).extracting(event -> ((AuthEvent.TokenRevoked) event).jti()).containsExactly("late");

            slow.commit();
        }
        feed.poll();
        assertThat(delivered).extracting(event -> ((AuthEvent.TokenRevoked) event).jti()).containsExactly("late", "early");
    }
}
