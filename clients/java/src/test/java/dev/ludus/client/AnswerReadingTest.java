package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.client.internal.JsonSupport;
import org.junit.jupiter.api.Test;

/**
 * How the SDK reads answers a newer server may write: values of an enumerated member this version
 * does not know are read as {@code UNKNOWN} instead of failing the whole answer.
 */
class AnswerReadingTest {

    private final ObjectMapper json = JsonSupport.mapper();

    @Test
    void anUnknownStreakChangeIsReadAsUnknown() throws Exception {
        StreakChange change = json.readValue("{\"key\":\"daily_walk\",\"change\":\"doubled\",\"length\":4}",
                StreakChange.class);

        assertThat(change.change()).isEqualTo(StreakChange.Kind.UNKNOWN);
        assertThat(change.length()).isEqualTo(4);
    }

    @Test
    void anUnknownHistoryResultIsReadAsUnknownAndTheDateExactly() throws Exception {
        StreakHistoryEntry entry = json.readValue("{\"first_day\":\"2026-11-30\",\"result\":\"paused\",\"length\":2}",
                StreakHistoryEntry.class);

        assertThat(entry.result()).isEqualTo(StreakHistoryEntry.Result.UNKNOWN);
        assertThat(entry.firstDay()).isEqualTo(java.time.LocalDate.of(2026, 11, 30));
    }
}
