package dev.ludus.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.TestStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deferred rows of the group commit: written at the commit in order, dropped with a refused work,
 * and a row the store refuses fails only the work that deferred it. On SQLite or PostgreSQL, as the
 * suite runs.
 */
class GroupCommitTest {

    private static final String UPSERT = """
            INSERT INTO group_commit_test (k, v) VALUES (?, ?)
            ON CONFLICT (k) DO UPDATE SET v = excluded.v""";
    private static final String INSERT = "INSERT INTO group_commit_test (k, v) VALUES (?, ?)";

    private TestStore store;
    private Database database;
    private GroupCommit commit;

    @BeforeEach
    void open() {
        store = TestStore.create();
        database = store.open();
        database.jdbi().useHandle(handle -> handle.execute(
                "CREATE TABLE group_commit_test (k VARCHAR(40) PRIMARY KEY, v BIGINT NOT NULL)"));
        commit = new GroupCommit(database.jdbi(), database.durability(), "test", 1, 64, 64, new SimpleMeterRegistry(),
                Refused.class::isInstance);
    }

    @AfterEach
    void close() {
        commit.close();
        database.close();
        store.drop();
    }

    @Test
    void rowsOfOneStatementLandInTheOrderTheyWereDeferred() throws Exception {
        List<CompletableFuture<Object>> works = inOneBatch(List.of(
                batch -> deferAll(batch, "a", 1, 50),
                batch -> deferAll(batch, "a", 51, 100)));

        awaitAll(works);
        assertThat(rows()).containsExactly(Map.entry("a", 100L));
    }

    @Test
    void aReadOfATableWithWaitingRowsSeesThem() {
        long seen = commit.submit("p", batch -> {
            batch.write(INSERT, "b", 7L);
            long[] after = {-1};
            batch.query("SELECT v FROM group_commit_test WHERE k = ?", row -> after[0] = row.getLong(1), "b");
            return after[0];
        });

        assertThat(seen).isEqualTo(7L);
    }

    @Test
    void aStatementOnTheHandleSeesTheWaitingRowsOfItsTable() {
        long seen = commit.submit("p", batch -> {
            batch.write(INSERT, "c", 9L);
            return batch.handle().createQuery("SELECT v FROM group_commit_test WHERE k = 'c'").mapTo(Long.class).one();
        });

        assertThat(seen).isEqualTo(9L);
    }

    @Test
    void aDeleteOnTheHandleComesAfterTheWaitingRows() {
        int deleted = commit.submit("p", batch -> {
            batch.write(INSERT, "d", 1L);
            return batch.handle().createUpdate("DELETE FROM group_commit_test WHERE k = 'd'").execute();
        });

        assertThat(deleted).as("the row written before the delete was there to delete").isEqualTo(1);
        assertThat(rows()).doesNotContainKey("d");
    }

    @Test
    void aReadBeforeWritesDoesNotSendTheWaitingRows() {
        long seen = commit.submit("p", batch -> {
            batch.write(INSERT, "e", 5L);
            long[] count = {-1};
            batch.queryBeforeWrites("SELECT COUNT(*) FROM group_commit_test WHERE k = 'e'",
                    row -> count[0] = row.getLong(1));
            return count[0];
        });

        assertThat(seen).as("the row still waited for the commit").isZero();
        assertThat(rows()).containsEntry("e", 5L);
    }

    @Test
    void rowsOfARefusedWorkAreNotWritten() throws Exception {
        List<CompletableFuture<Object>> works = inOneBatch(List.of(
                batch -> {
                    batch.write(INSERT, "kept", 1L);
                    return "kept";
                },
                batch -> {
                    batch.write(INSERT, "refused", 2L);
                    throw new Refused("refused on purpose");
                },
                batch -> {
                    batch.write(INSERT, "also kept", 3L);
                    return "also kept";
                }));

        assertThat(works.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("kept");
        assertThatThrownBy(() -> GroupCommit.await(works.get(1))).isInstanceOf(Refused.class)
                .hasMessageContaining("refused on purpose");
        assertThat(works.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("also kept");
        assertThat(rows()).containsOnlyKeys("kept", "also kept");
    }

    @Test
    void aRowTheStoreRefusesFailsOnlyItsOwnWork() throws Exception {
        List<CompletableFuture<Object>> works = inOneBatch(List.of(
                batch -> {
                    batch.write(INSERT, "first", 1L);
                    return "first";
                },
                batch -> {
                    batch.write(INSERT, "first", 2L);
                    return "duplicate";
                },
                batch -> {
                    batch.write(INSERT, "third", 3L);
                    return "third";
                }));

        assertThat(works.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("first");
        assertThatThrownBy(() -> GroupCommit.await(works.get(1))).isInstanceOf(StoreUnavailableException.class);
        assertThat(works.get(2).get(10, TimeUnit.SECONDS)).isEqualTo("third");
        assertThat(rows()).containsExactly(Map.entry("first", 1L), Map.entry("third", 3L));
    }

    @Test
    void asyncActionsRunOffTheWriterBeforeTheirWorkIsAnswered() throws Exception {
        List<String> ranOn = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicBoolean refusedActionRan = new java.util.concurrent.atomic.AtomicBoolean();
        List<CompletableFuture<Object>> works = inOneBatch(List.of(
                batch -> {
                    batch.afterCommitAsync(() -> ranOn.add(Thread.currentThread().getName()));
                    return "kept";
                },
                batch -> {
                    batch.afterCommitAsync(() -> refusedActionRan.set(true));
                    throw new Refused("refused");
                }));

        assertThat(works.get(0).get(10, TimeUnit.SECONDS)).isEqualTo("kept");
        assertThat(ranOn).hasSize(1);
        assertThat(ranOn.getFirst()).startsWith("ludus-after-commit-");
        assertThatThrownBy(() -> GroupCommit.await(works.get(1))).isInstanceOf(Refused.class);
        assertThat(refusedActionRan).as("the action of a refused work is dropped").isFalse();
    }

    @Test
    void aSlowAsyncActionDoesNotHoldTheAnswerNorTheWriter() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        CompletableFuture<String> slow = commit.submitAsync("p", batch -> {
            batch.afterCommitAsync(() -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.countDown();
            });
            return "slow";
        });

        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("slow");
        String next = commit.submit("p", batch -> "next");
        assertThat(next).isEqualTo("next");
        assertThat(finished.getCount()).as("answered while the action still runs").isEqualTo(1);
        release.countDown();
        assertThat(finished.await(10, TimeUnit.SECONDS)).isTrue();
    }

    /** Defers upserts of {@code key} with the values {@code from} to {@code to}, in order. */
    private static Object deferAll(WriteBatch batch, String key, long from, long to) {
        for (long value = from; value <= to; value++) {
            batch.write(UPSERT, key, value);
        }
        return key;
    }

    /**
     * Submits {@code works} while the writer is held by a first work, so that they all wait in its
     * queue and run in one batch once it is released.
     */
    private List<CompletableFuture<Object>> inOneBatch(List<GroupCommit.Work<Object>> works) throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Object> holder = commit.submitAsync("p", batch -> {
            started.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "holder";
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        List<CompletableFuture<Object>> futures = new ArrayList<>();
        for (GroupCommit.Work<Object> work : works) {
            futures.add(commit.submitAsync("p", work));
        }
        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        return futures;
    }

    private static void awaitAll(List<CompletableFuture<Object>> futures) throws Exception {
        for (CompletableFuture<Object> future : futures) {
            future.get(10, TimeUnit.SECONDS);
        }
    }

    private Map<String, Long> rows() {
        Map<String, Long> rows = new TreeMap<>();
        database.jdbi().useHandle(handle -> handle.createQuery("SELECT k, v FROM group_commit_test")
                .map((rs, ctx) -> rows.put(rs.getString("k"), rs.getLong("v"))).list());
        return rows;
    }

    /** A refusal of the request by a work, before it writes anything. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }
}
