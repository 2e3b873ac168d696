package dev.ludus.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's pipelined durability: the writer's connection commits without waiting for the disk, the
 * log flush answers in order, and the other connections still wait for the disk at each commit.
 */
class WalSyncTest {

    /** For the tests that never release a writer's connection. */
    private static final HikariDataSource NO_POOL = null;

    @TempDir
    Path dataDir;

    @Test
    void callbacksRunInTheOrderTheyWereQueued() throws Exception {
        Path database = dataDir.resolve("ludus.db");
        Files.writeString(dataDir.resolve("ludus.db-wal"), "frames");
        List<String> calls = new CopyOnWriteArrayList<>();
        CountDownLatch done = new CountDownLatch(3);
        try (WalSync sync = new WalSync(database, NO_POOL)) {
            sync.start();
            for (String name : List.of("first", "second", "third")) {
                sync.whenDurable(failure -> {
                    calls.add(name + (failure == null ? "" : " failed"));
                    done.countDown();
                });
            }
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(calls).containsExactly("first", "second", "third");
    }

    @Test
    void withoutALogThereIsNothingToFlush() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        IOException[] seen = {new IOException("not called")};
        try (WalSync sync = new WalSync(dataDir.resolve("ludus.db"), NO_POOL)) {
            sync.start();
            sync.whenDurable(failure -> {
                seen[0] = failure;
                done.countDown();
            });
            assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(seen[0]).isNull();
    }

    @Test
    void afterCloseACallbackStillWaitsForTheFlush() {
        WalSync sync = new WalSync(dataDir.resolve("ludus.db"), NO_POOL);
        sync.start();
        sync.close();
        List<String> calls = new CopyOnWriteArrayList<>();

        sync.whenDurable(failure -> calls.add(failure == null ? "flushed" : "failed"));

        assertThat(calls).containsExactly("flushed");
    }

    @Test
    void onlyTheWritersConnectionCommitsWithoutWaitingForTheDisk() {
        try (Database database = Database.sqlite(dataDir);
                GroupCommit commit = new GroupCommit(database.jdbi(), database.durability(), "test", 1, 8, 8,
                        new SimpleMeterRegistry(), failure -> false)) {
            int writers = commit.submit("p", batch -> {
                int[] mode = {-1};
                batch.query("PRAGMA synchronous", row -> mode[0] = row.getInt(1));
                return mode[0];
            });
            int others = database.jdbi().withHandle(handle ->
                    handle.createQuery("PRAGMA synchronous").mapTo(Integer.class).one());

            assertThat(writers).as("NORMAL on the writer's connection").isEqualTo(1);
            assertThat(others).as("FULL on every other connection").isEqualTo(2);
        }
    }

    @Test
    void theWritersConnectionDoesNotGoBackToThePool() {
        try (Database database = Database.sqlite(dataDir)) {
            try (GroupCommit commit = new GroupCommit(database.jdbi(), database.durability(), "test", 1, 8, 8,
                    new SimpleMeterRegistry(), failure -> false)) {
                commit.submit("p", batch -> batch.handle().execute("CREATE TABLE released (k INTEGER)"));
            }
            List<Handle> all = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    all.add(database.jdbi().open());
                }
                assertThat(all).allSatisfy(handle -> assertThat(
                        handle.createQuery("PRAGMA synchronous").mapTo(Integer.class).one()).isEqualTo(2));
            } finally {
                all.forEach(Handle::close);
            }
        }
    }
}
