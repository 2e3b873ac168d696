package dev.ludus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoreTuningTest {

    private static final String POSTGRESQL = "jdbc:postgresql://db/ludus";

    private static LudusConfig postgresql(String... variables) {
        Map<String, String> map = new HashMap<>(Map.of(LudusConfig.DB_URL, POSTGRESQL));
        for (int i = 0; i < variables.length; i += 2) {
            map.put(variables[i], variables[i + 1]);
        }
        return LudusConfig.from(map);
    }

    @Test
    void sqliteHasOneWriterAndASmallerPool() {
        LudusConfig config = LudusConfig.from(Map.of());
        assertThat(config.store()).isEqualTo(new StoreTuning(8, 1, 256));
        assertThat(config.writeQueuePerWriter()).isEqualTo(4096);
    }

    @Test
    void postgresqlSharesTheWriteQueueAmongFourWriters() {
        LudusConfig config = postgresql();
        assertThat(config.store()).isEqualTo(new StoreTuning(16, 4, 256));
        assertThat(config.writeQueuePerWriter()).isEqualTo(1024);
    }

    @Test
    void readsEveryVariable() {
        LudusConfig config = postgresql("LUDUS_DB_POOL_SIZE", "40", "LUDUS_WRITERS", "8", "LUDUS_WRITE_BATCH", "64",
                "LUDUS_WRITE_QUEUE", "1000");
        assertThat(config.store()).isEqualTo(new StoreTuning(40, 8, 64));
        assertThat(config.writeQueuePerWriter()).isEqualTo(125);
        assertThat(LudusConfig.from(Map.of("LUDUS_DB_POOL_SIZE", "3", "LUDUS_WRITE_BATCH", "1")).store())
                .isEqualTo(new StoreTuning(3, 1, 1));
    }

    @Test
    void aWriteQueueSmallerThanTheWritersLeavesEachWriterOneSlot() {
        assertThat(postgresql("LUDUS_WRITE_QUEUE", "2").writeQueuePerWriter()).isEqualTo(1);
    }

    @Test
    void sqliteRefusesASecondWriter() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_WRITERS", "2")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("LUDUS_WRITERS must be 1 on SQLite, which commits one transaction at a time (more writers "
                        + "need PostgreSQL, LUDUS_DB_URL), was 2");
    }

    @Test
    void outOfRangeValuesNameTheVariableAndTheRange() {
        assertThatThrownBy(() -> postgresql("LUDUS_WRITERS", "0"))
                .hasMessage("LUDUS_WRITERS must be a whole number from 1 to 64, was 0");
        assertThatThrownBy(() -> postgresql("LUDUS_WRITE_BATCH", "20000"))
                .hasMessage("LUDUS_WRITE_BATCH must be a whole number from 1 to 10000, was 20000");
        assertThatThrownBy(() -> postgresql("LUDUS_DB_POOL_SIZE", "99999999999"))
                .hasMessage("LUDUS_DB_POOL_SIZE must be a whole number from 2 to 1000, was 99999999999");
        assertThatThrownBy(() -> postgresql("LUDUS_WRITE_BATCH", "many"))
                .hasMessage("LUDUS_WRITE_BATCH must be a whole number, was 'many'");
    }

    @Test
    void thePoolMustHoldMoreConnectionsThanTheWritersKeep() {
        assertThatThrownBy(() -> postgresql("LUDUS_WRITERS", "16"))
                .hasMessageStartingWith("LUDUS_DB_POOL_SIZE must be more than LUDUS_WRITERS (16)")
                .hasMessageEndingWith("was 16");
        assertThat(postgresql("LUDUS_WRITERS", "15").store().poolSize()).isEqualTo(16);
    }
}
