package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The batched writes of attempt results, on a real store: every write commits once, a failing one alone. */
class AttemptRecorderTest {

    private TestDatabase database;
    private AttemptRecorder recorder;

    @BeforeEach
    void start() {
        database = new TestDatabase();
        database.jdbi().useHandle(handle -> handle.execute("CREATE TABLE recorded (n INTEGER NOT NULL PRIMARY KEY)"));
        recorder = new AttemptRecorder(database.jdbi());
    }

    @AfterEach
    void stop() {
        recorder.close();
        database.close();
    }

    @Test
    void concurrentWritesAllCommitAndAFailingOneFailsAlone() throws Exception {
        int writers = 200;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int n = i;
                answers.add(threads.submit(() -> recorder.write(handle -> {
                    // 13 breaks the primary key: its batch is rolled back and written again one by one
                    handle.execute("INSERT INTO recorded (n) VALUES (?)", n == 13 ? 12 : n);
                    return n;
                })));
            }
            for (int i = 0; i < writers; i++) {
                if (i == 13) {
                    int failing = i;
                    assertThatThrownBy(() -> answers.get(failing).get()).hasCauseInstanceOf(RuntimeException.class);
                } else {
                    assertThat(answers.get(i).get()).isEqualTo(i);
                }
            }
        }
        assertThat(database.count("SELECT COUNT(*) FROM recorded")).isEqualTo(writers - 1);
        assertThat(database.count("SELECT COUNT(*) FROM recorded WHERE n = 13")).isZero();
    }

    @Test
    void afterCloseAWriteRunsInATransactionOfItsOwn() {
        recorder.close();
        int inserted = recorder.write(handle -> handle.execute("INSERT INTO recorded (n) VALUES (1)"));
        assertThat(inserted).isEqualTo(1);
        assertThat(database.count("SELECT COUNT(*) FROM recorded")).isEqualTo(1);
    }
}
