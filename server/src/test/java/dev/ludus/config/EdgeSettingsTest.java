package dev.ludus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settings of the server's edge: {@code LUDUS_TLS_*} and {@code LUDUS_TRUSTED_PROXIES}. */
class EdgeSettingsTest {

    private static InetAddress address(String literal) {
        return TrustedProxies.literal(literal).orElseThrow();
    }

    @Test
    void tlsIsOffByDefaultAndTheIssuerFollowsTheScheme() {
        LudusConfig plain = LudusConfig.from(Map.of());
        assertThat(plain.tls().enabled()).isFalse();
        assertThat(plain.effectiveIssuer(8080)).isEqualTo("http://localhost:8080");

        LudusConfig tls = LudusConfig.from(Map.of(TlsSettings.CERT, "/etc/ludus/cert.pem", TlsSettings.KEY,
                "/etc/ludus/key.pem"));
        assertThat(tls.tls().enabled()).isTrue();
        assertThat(tls.tls().reloadCheck()).isEqualTo(Duration.ofSeconds(10));
        assertThat(tls.effectiveIssuer(8443)).isEqualTo("https://localhost:8443");
        assertThat(LudusConfig.from(Map.of(TlsSettings.CERT, "c.pem", TlsSettings.KEY, "k.pem", LudusConfig.ISSUER,
                "https://ludus.example.com")).effectiveIssuer(8443)).isEqualTo("https://ludus.example.com");
    }

    @Test
    void tlsNeedsBothFilesAndASaneReloadCheck() {
        assertThatThrownBy(() -> LudusConfig.from(Map.of(TlsSettings.CERT, "c.pem")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LUDUS_TLS_KEY must be set too");
        assertThatThrownBy(() -> LudusConfig.from(Map.of(TlsSettings.KEY, "k.pem")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LUDUS_TLS_CERT must be set too");
        assertThatThrownBy(() -> LudusConfig.from(Map.of(TlsSettings.CERT, "c.pem", TlsSettings.KEY, "k.pem",
                TlsSettings.RELOAD_CHECK, "PT0.5S")))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("LUDUS_TLS_RELOAD_CHECK ");
    }

    @Test
    void trustedProxiesTakeAddressesAndRangesOfBothFamilies() {
        TrustedProxies proxies = LudusConfig.from(Map.of(TrustedProxies.VARIABLE,
                "10.0.0.0/8, 192.168.1.7  172.16.0.0/12,fd00::/8,::1")).trustedProxies();
        assertThat(proxies.ranges()).extracting(TrustedProxies.Range::text)
                .containsExactly("10.0.0.0/8", "192.168.1.7", "172.16.0.0/12", "fd00::/8", "::1");
        assertThat(proxies.trusts(address("10.200.3.4"))).isTrue();
        assertThat(proxies.trusts(address("11.0.0.1"))).isFalse();
        assertThat(proxies.trusts(address("192.168.1.7"))).isTrue();
        assertThat(proxies.trusts(address("192.168.1.8"))).isFalse();
        assertThat(proxies.trusts(address("172.31.255.255"))).isTrue();
        assertThat(proxies.trusts(address("172.32.0.0"))).isFalse();
        assertThat(proxies.trusts(address("fd12:3456::1"))).isTrue();
        assertThat(proxies.trusts(address("fe80::1"))).isFalse();
        assertThat(proxies.trusts(address("::1"))).isTrue();
        assertThat(proxies.trusts(address("127.0.0.1"))).as("IPv4 loopback is not ::1").isFalse();
        assertThat(LudusConfig.from(Map.of()).trustedProxies().ranges()).isEmpty();
        assertThat(LudusConfig.from(Map.of(TrustedProxies.VARIABLE, "0.0.0.0/0")).trustedProxies()
                .trusts(address("8.8.8.8"))).isTrue();
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressIsRefusedByName() {
        for (String bad : new String[] {"proxy.internal", "10.0.0.0/33", "10.0.0.0/x", "fd00::/129", "10.0.0"}) {
            assertThatThrownBy(() -> LudusConfig.from(Map.of(TrustedProxies.VARIABLE, "127.0.0.1, " + bad)))
                    .as(bad).isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("LUDUS_TRUSTED_PROXIES ").hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void corsOriginsAreExactOriginsNormalisedAsBrowsersSendThem() {
        assertThat(LudusConfig.from(Map.of()).corsOrigins()).isEmpty();
        assertThat(LudusConfig.from(Map.of(CorsOrigins.VARIABLE,
                "https://App.Example.com:443, http://localhost:5173 http://localhost:5173")).corsOrigins())
                .containsExactly("https://app.example.com", "http://localhost:5173");
        for (String bad : new String[] {"*", "https://app.example.com/", "app.example.com", "https://*.example.com"}) {
            assertThatThrownBy(() -> LudusConfig.from(Map.of(CorsOrigins.VARIABLE, bad))).as(bad)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("LUDUS_CORS_ORIGINS ").hasMessageContaining("'" + bad + "'");
        }
    }
}
