package dev.ludus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LudusConfigTest {

    @Test
    void defaultsFollowTheDesign() {
        LudusConfig config = LudusConfig.from(Map.of());
        assertThat(config.port()).isEqualTo(8080);
        assertThat(config.dataDir().getFileName().toString()).isEqualTo("data");
        assertThat(config.dataDir().isAbsolute()).isTrue();
        assertThat(config.dbUrl()).isEmpty();
        assertThat(config.adminKey()).isEmpty();
        assertThat(config.effectiveIssuer(8080)).isEqualTo("http://localhost:8080");
        assertThat(config.logFormat()).isEqualTo(LudusConfig.LogFormat.TEXT);
        assertThat(config.redisUrl()).isEmpty();
    }

    @Test
    void readsEveryVariable() {
        LudusConfig config = LudusConfig.from(Map.of(
                "LUDUS_PORT", "9090",
                "LUDUS_DATA_DIR", "/var/lib/ludus",
                "LUDUS_DB_URL", "jdbc:postgresql://db/ludus",
                "LUDUS_ADMIN_KEY", "k".repeat(32),
                "LUDUS_ISSUER", "https://ludus.example.com",
                "LUDUS_LOG_FORMAT", "JSON"));
        assertThat(config.port()).isEqualTo(9090);
        assertThat(config.dataDir()).isEqualTo(java.nio.file.Path.of("/var/lib/ludus"));
        assertThat(config.dbUrl()).hasValue("jdbc:postgresql://db/ludus");
        assertThat(config.effectiveIssuer(9090)).isEqualTo("https://ludus.example.com");
        assertThat(config.logFormat()).isEqualTo(LudusConfig.LogFormat.JSON);
    }

    @Test
    void badPortNamesTheVariable() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LUDUS_PORT ");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_PORT", "70000")))
                .hasMessageStartingWith("LUDUS_PORT ");
    }

    @Test
    void shortAdminKeyNamesTheVariableWithoutEchoingIt() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_ADMIN_KEY", "hunter2")))
                .hasMessageStartingWith("LUDUS_ADMIN_KEY ").hasMessageNotContaining("hunter2");
    }

    @Test
    void nonPostgresqlUrlNamesTheVariable() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_DB_URL", "jdbc:mysql://db/ludus")))
                .hasMessageStartingWith("LUDUS_DB_URL ");
    }

    @Test
    void badLogFormatAndIssuerNameTheirVariables() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_LOG_FORMAT", "xml")))
                .hasMessageStartingWith("LUDUS_LOG_FORMAT ");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_ISSUER", "not a url")))
                .hasMessageStartingWith("LUDUS_ISSUER ");
    }

    @Test
    void readsRedisUrlOfEitherScheme() {
        assertThat(LudusConfig.from(Map.of("LUDUS_REDIS_URL", "redis://cache:6379/2")).redisUrl())
                .hasValue("redis://cache:6379/2");
        assertThat(LudusConfig.from(Map.of("LUDUS_REDIS_URL", "rediss://user:pw@cache:6380")).redisUrl())
                .hasValue("rediss://user:pw@cache:6380");
    }

    @Test
    void nonRedisUrlNamesTheVariableWithoutEchoingIt() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_REDIS_URL", "http://user:s3cret@cache:6379")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LUDUS_REDIS_URL ")
                .hasMessageNotContaining("s3cret");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_REDIS_URL", "cache:6379")))
                .hasMessageStartingWith("LUDUS_REDIS_URL ");
    }

    @Test
    void blankValuesMeanTheDefault() {
        assertThat(LudusConfig.from(Map.of("LUDUS_PORT", "  ")).port()).isEqualTo(8080);
    }

    @Test
    void aNumberBeyondTheIntRangeIsRefusedNotWrappedIntoRange() {
        // 2^32 + 1 would wrap round to 1
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_WRITE_QUEUE", "4294967297")))
                .hasMessageStartingWith("LUDUS_WRITE_QUEUE must be a whole number from 1 to");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_WEBHOOK_CONCURRENCY", "4294967312")))
                .hasMessageStartingWith("LUDUS_WEBHOOK_CONCURRENCY must be a whole number from 1 to");
    }

    @Test
    void webhookSettingsHaveSafeDefaults() {
        LudusConfig config = LudusConfig.from(Map.of());
        assertThat(config.webhookAllowPrivate()).isFalse();
        assertThat(config.webhookTimeout()).isEqualTo(java.time.Duration.ofSeconds(15));
        assertThat(config.webhookConcurrency()).isEqualTo(64);
        assertThat(config.webhookEndpointConcurrency()).isEqualTo(16);
        assertThat(LudusConfig.from(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "TRUE")).webhookAllowPrivate()).isTrue();
    }

    @Test
    void badWebhookSettingsNameTheirVariables() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_WEBHOOK_ALLOW_PRIVATE", "yes")))
                .hasMessageStartingWith("LUDUS_WEBHOOK_ALLOW_PRIVATE ");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_WEBHOOK_TIMEOUT", "PT0.5S")))
                .hasMessageStartingWith("LUDUS_WEBHOOK_TIMEOUT ");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_WEBHOOK_CONCURRENCY", "0")))
                .hasMessageStartingWith("LUDUS_WEBHOOK_CONCURRENCY ");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_WEBHOOK_ENDPOINT_CONCURRENCY", "0")))
                .hasMessageStartingWith("LUDUS_WEBHOOK_ENDPOINT_CONCURRENCY ");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_WEBHOOK_MAX_LAG", "-PT1S")))
                .hasMessageStartingWith("LUDUS_WEBHOOK_MAX_LAG ");
        assertThatThrownBy(() -> LudusConfig.from(Map.of("LUDUS_WEBHOOK_MAX_LAG", "PT2M")))
                .hasMessageStartingWith("LUDUS_WEBHOOK_MAX_LAG ");
        assertThat(LudusConfig.from(Map.of()).webhookMaxLag()).isEqualTo(java.time.Duration.ofMillis(500));
        assertThat(LudusConfig.from(Map.of("LUDUS_WEBHOOK_MAX_LAG", "PT0S")).webhookMaxLag()).isZero();
    }
}
