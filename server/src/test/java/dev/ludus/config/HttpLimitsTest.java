package dev.ludus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpLimitsTest {

    @Test
    void defaultsLeaveDescriptorsForTheStoreBelowTheOpenFileLimit() {
        HttpLimits small = LudusConfig.from(Map.of(), 1024).http();
        assertThat(small.maxConnections()).as("256 descriptors kept").isEqualTo(768);
        assertThat(small.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(small.headerTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(small.bodyTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(LudusConfig.from(Map.of(), 1_048_576).http().maxConnections())
                .isEqualTo(10_000);
    }

    @Test
    void readsEveryVariable() {
        HttpLimits limits = LudusConfig.from(Map.of(
                "LUDUS_HTTP_IDLE_TIMEOUT", "PT5S",
                "LUDUS_HTTP_HEADER_TIMEOUT", "PT2S",
                "LUDUS_HTTP_BODY_TIMEOUT", "PT30S",
                "LUDUS_HTTP_MAX_CONNECTIONS", "0"), 1024).http();
        assertThat(limits).isEqualTo(new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 0));
    }

    @Test
    void refusesAConnectionLimitTheOpenFileLimitCannotHold() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_HTTP_MAX_CONNECTIONS", "5000"), 1024))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("LUDUS_HTTP_MAX_CONNECTIONS must be at most 768")
                .hasMessageContaining("ulimit -n) is 1024");
    }

    @Test
    void refusesUnusableTimeoutsNamingTheVariable() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_HTTP_HEADER_TIMEOUT", "PT0S"), 1024))
                .hasMessageStartingWith("LUDUS_HTTP_HEADER_TIMEOUT must be a duration from");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_HTTP_IDLE_TIMEOUT", "soon"), 1024))
                .hasMessageStartingWith("LUDUS_HTTP_IDLE_TIMEOUT must be an ISO 8601 duration");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_HTTP_MAX_CONNECTIONS", "-1"), 1024))
                .hasMessageStartingWith("LUDUS_HTTP_MAX_CONNECTIONS must be");
    }
}
