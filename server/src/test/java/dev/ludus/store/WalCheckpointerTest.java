package dev.ludus.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's log under a writer that never pauses, with readers reading all along: the background
 * checkpoints copy it and the writer restarts it, so that it does not grow to the automatic
 * checkpoint's bound (10,000 pages, 40 MiB) and stay there.
 */
class WalCheckpointerTest {

    private static final long MIB = 1024 * 1024;
    /** Written through the group commit: several times the automatic checkpoint's bound. */
    private static final long WRITTEN = 160 * MIB;
    private static final int BLOB = 16 * 1024;
    /**
     * Well above the log's usual size under this load (16 MiB, where a restart cuts it back to),
     * well under the automatic bound (40 MiB), where it stayed before the writer restarted it.
     */
    private static final long BOUND = 24 * MIB;

    @TempDir
    Path dataDir;

    @Test
    void logIsRestartedUnderSustainedWritesAndReads() throws Exception {
        Path log = dataDir.resolve("ludus.db-wal");
        List<Long> sizes = new CopyOnWriteArrayList<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        try (Database database = Database.sqlite(dataDir);
                GroupCommit commit = new GroupCommit(database.jdbi(), database.durability(), "test", 1, 256, 32,
                        new SimpleMeterRegistry(), failure -> false)) {
            database.jdbi().useHandle(handle -> handle.execute("CREATE TABLE blobs (k INTEGER PRIMARY KEY, v BLOB)"));
            List<Thread> threads = new ArrayList<>();
            for (int r = 0; r < 3; r++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    while (writing.get()) {
                        database.jdbi().useHandle(handle ->
                                handle.createQuery("SELECT count(*) FROM blobs").mapTo(Long.class).one());
                        pause(1);
                    }
                }));
            }
            threads.add(Thread.ofPlatform().start(() -> {
                while (writing.get()) {
                    sizes.add(sizeOf(log));
                    pause(10);
                }
            }));
            List<CompletableFuture<Integer>> inFlight = new ArrayList<>();
            for (long i = 0; i < WRITTEN / BLOB; i++) {
                long key = i % 1_000;
                inFlight.add(commit.submitAsync("p", batch -> batch.handle().execute(
                        "INSERT OR REPLACE INTO blobs (k, v) VALUES (" + key + ", randomblob(" + BLOB + "))")));
                if (inFlight.size() == 128) {
                    inFlight.forEach(GroupCommit::await);
                    inFlight.clear();
                }
            }
            inFlight.forEach(GroupCommit::await);
            writing.set(false);
            for (Thread thread : threads) {
                thread.join();
            }
        }

        List<Long> sorted = sizes.stream().sorted().toList();
        long median = sorted.get(sorted.size() / 2);
        assertThat(median)
                .as("the log's median size in bytes over %d samples (largest %d)", sorted.size(), sorted.getLast())
                .isLessThan(BOUND);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
