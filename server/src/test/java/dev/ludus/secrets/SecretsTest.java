package dev.ludus.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Time-ordered ids sort by their instant and stay unique within one millisecond. */
class SecretsTest {

    private final Secrets secrets = new Secrets();

    @Test
    void timeOrderedIdsSortByTheirInstant() {
        List<String> ids = new ArrayList<>();
        for (long millis : new long[] {0L, 1L, 31L, 32L, 1_000_000L, 1_796_000_000_000L, 1_796_000_000_001L,
                (1L << 45) - 1}) {
            ids.add(secrets.timeOrderedId("evt_", Instant.ofEpochMilli(millis)));
        }

        assertThat(ids).isSorted();
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("evt_[0-9a-hjkmnp-tv-z]{20}"));
        assertThat(ids.getFirst()).startsWith("evt_000000000");
    }

    @Test
    void timeOrderedIdsOfOneMillisecondDiffer() {
        Instant at = Instant.ofEpochMilli(1_796_000_000_000L);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(secrets.timeOrderedId("evt_", at));
        }

        assertThat(ids).hasSize(10_000);
        assertThat(ids).allSatisfy(id -> assertThat(id).startsWith(ids.iterator().next().substring(0, 13)));
    }
}
