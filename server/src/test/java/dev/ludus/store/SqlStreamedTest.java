package dev.ludus.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.TestStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A read of many rows ({@link Sql#streamed}): on PostgreSQL in a read-only transaction, so that the
 * driver fetches rows a fetch size at a time; on SQLite outside one, so that writers go on meanwhile.
 */
class SqlStreamedTest {

    private TestStore store;
    private Database database;
    private Jdbi jdbi;

    @BeforeEach
    void open() {
        store = TestStore.create();
        database = store.open();
        jdbi = database.jdbi();
        jdbi.useHandle(handle -> {
            handle.execute("CREATE TABLE streamed_rows (n INTEGER NOT NULL)");
            var insert = handle.prepareBatch("INSERT INTO streamed_rows (n) VALUES (?)");
            for (int n = 0; n < 5_000; n++) {
                insert.add(n);
            }
            insert.execute();
        });
    }

    @AfterEach
    void close() {
        database.close();
        store.drop();
    }

    @Test
    void everyRowIsReadAndWritersGoOnMeanwhile() {
        List<Integer> seen = new ArrayList<>();
        List<String> readOnly = new ArrayList<>();
        int written = Sql.streamed(jdbi, handle -> {
            if (database.vendor() == Database.Vendor.POSTGRESQL) {
                readOnly.add(handle.createQuery("SHOW transaction_read_only").mapTo(String.class).one());
                assertThat(handle.isInTransaction()).isTrue();
            }
            int writes = 0;
            try (var rows = handle.createQuery("SELECT n FROM streamed_rows ORDER BY n").setFetchSize(100)
                    .mapTo(Integer.class).stream()) {
                for (var iterator = rows.iterator(); iterator.hasNext(); ) {
                    seen.add(iterator.next());
                    if (seen.size() % 1_000 == 1) {
                        // another connection writes while this read is open: no write lock is held (another
                        // thread, or Jdbi would lend it this thread's handle)
                        CompletableFuture.runAsync(() -> jdbi.useTransaction(other ->
                                other.execute("INSERT INTO streamed_rows (n) VALUES (-1)"))).join();
                        writes++;
                    }
                }
            }
            return writes;
        });

        assertThat(seen).hasSize(5_000).startsWith(0, 1, 2).endsWith(4_999);
        assertThat(written).isEqualTo(5);
        int rows = jdbi.withHandle(handle -> handle.createQuery("SELECT COUNT(*) FROM streamed_rows WHERE n = -1")
                .mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(5);
        if (database.vendor() == Database.Vendor.POSTGRESQL) {
            assertThat(readOnly).containsExactly("on");
        }
    }
}
