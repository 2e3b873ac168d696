package dev.ludus.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ludus.config.ConfigException;
import dev.ludus.config.TlsSettings;
import dev.ludus.testing.TestLudus;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the server's own port, with certificates made here: a chain (server certificate and
 * intermediate) that a client trusting only the root accepts, RSA and EC keys in each PEM form,
 * HTTP/2 by ALPN, TLS 1.2 and 1.3 only, {@code Strict-Transport-Security}, a certificate renewed in
 * place and served to new connections, and files that stop start-up with the variable named.
 */
class TlsTest {

    private static final Certificates CERTIFICATES = new Certificates();

    @TempDir
    Path dir;

    @org.junit.jupiter.api.BeforeEach
    void onlyOnce() {
        assumeThat(dev.ludus.testing.TestStore.postgresql()).as("TLS does not depend on the store: SQLite run only")
                .isFalse();
    }

    private Path certificate() {
        return dir.resolve("cert.pem");
    }

    private Path key() {
        return dir.resolve("key.pem");
    }

    private Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        settings.put(TlsSettings.CERT, certificate().toString());
        settings.put(TlsSettings.KEY, key().toString());
        settings.put(TlsSettings.RELOAD_CHECK, "PT1S");
        return settings;
    }

    private static HttpResponse<String> get(TestLudus server, HttpClient.Version version, String path)
            throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newBuilder().sslContext(CERTIFICATES.trustingRoot()).version(version)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.ludus().port() + path))
                    .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    /** The certificate a new connection is served, after a handshake with only {@code protocols} offered. */
    private static X509Certificate served(TestLudus server, String... protocols) throws IOException {
        SSLContext context = CERTIFICATES.trustingRoot();
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", server.ludus().port())) {
            socket.setSoTimeout(10_000);
            if (protocols.length > 0) {
                socket.setEnabledProtocols(protocols);
            }
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    @Test
    void rsaChainIsServedOverHttp2WithStrictTransportSecurity() throws Exception {
        Certificates.Issued server = CERTIFICATES.server("RSA", "rsa.localhost");
        CERTIFICATES.write(server, Certificates.KeyForm.TRADITIONAL, certificate(), key());
        assertThat(Files.readString(key())).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        try (TestLudus ludus = TestLudus.start(settings())) {
            HttpResponse<String> h2 = get(ludus, HttpClient.Version.HTTP_2, "/health/ready");
            assertThat(h2.statusCode()).as(h2.body()).isEqualTo(200);
            assertThat(h2.version()).as("ALPN chose HTTP/2").isEqualTo(HttpClient.Version.HTTP_2);
            assertThat(h2.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

            HttpResponse<String> h1 = get(ludus, HttpClient.Version.HTTP_1_1, "/v1/auth/verify");
            assertThat(h1.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
            assertThat(h1.statusCode()).as("problem+json over HTTPS too").isEqualTo(401);
            assertThat(h1.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(h1.headers().firstValue("Strict-Transport-Security")).hasValue("max-age=31536000");

            assertThat(served(ludus).getSerialNumber()).isEqualTo(server.certificate().getSerialNumber());
        }
    }

    @Test
    void ecKeyInPkcs8ServesTls13AndTls12() throws Exception {
        Certificates.Issued server = CERTIFICATES.server("EC", "ec.localhost");
        CERTIFICATES.write(server, Certificates.KeyForm.PKCS8, certificate(), key());
        assertThat(Files.readString(key())).startsWith("-----BEGIN PRIVATE KEY-----");
        try (TestLudus ludus = TestLudus.start(settings())) {
            SSLContext context = CERTIFICATES.trustingRoot();
            for (String protocol : List.of("TLSv1.3", "TLSv1.2")) {
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost",
                        ludus.ludus().port())) {
                    socket.setEnabledProtocols(new String[] {protocol});
                    socket.startHandshake();
                    assertThat(socket.getSession().getProtocol()).isEqualTo(protocol);
                }
            }
            assertThat(get(ludus, HttpClient.Version.HTTP_2, "/health/live").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void tls11AndOlderAreRefused() throws Exception {
        assumeThat(openssl()).as("openssl is needed to offer TLS 1.1 (the JDK's own client will not)").isTrue();
        Certificates.Issued server = CERTIFICATES.server("EC", "old.localhost");
        CERTIFICATES.write(server, Certificates.KeyForm.TRADITIONAL, certificate(), key());
        try (TestLudus ludus = TestLudus.start(settings())) {
            int port = ludus.ludus().port();
            // the same client, the same options: only the version differs, so the refusal is the server's
            assertThat(handshake(port, "-tls1_2")).as("control: TLS 1.2 with the same client")
                    .contains("Protocol version: TLSv1.2");
            for (String old : List.of("-tls1_1", "-tls1")) {
                assertThat(handshake(port, old)).as(old).doesNotContain("CONNECTION ESTABLISHED")
                        .contains("alert protocol version");
            }
        }
    }

    @Test
    void renewedCertificateIsServedToNewConnectionsAndAHalfWrittenOneIsNot() throws Exception {
        Certificates.Issued first = CERTIFICATES.server("EC", "first.localhost");
        CERTIFICATES.write(first, Certificates.KeyForm.TRADITIONAL, certificate(), key());
        try (TestLudus ludus = TestLudus.start(settings())) {
            assertThat(served(ludus).getSerialNumber()).isEqualTo(first.certificate().getSerialNumber());

            // a renewal written certificate first: for a while the key is the old one
            Certificates.Issued second = CERTIFICATES.server("RSA", "second.localhost");
            Path newKey = dir.resolve("next-key.pem");
            CERTIFICATES.write(second, Certificates.KeyForm.PKCS8, certificate(), newKey);
            Thread.sleep(2_500);
            assertThat(served(ludus).getSerialNumber()).as("a mismatched pair is not served")
                    .isEqualTo(first.certificate().getSerialNumber());
            assertThat(get(ludus, HttpClient.Version.HTTP_2, "/health/ready").statusCode()).isEqualTo(200);

            Files.move(newKey, key(), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(servedWithin(ludus, second.certificate().getSerialNumber(), Duration.ofSeconds(20)))
                    .as("the renewed certificate, without a restart").isEqualTo(second.certificate().getSerialNumber());
            assertThat(get(ludus, HttpClient.Version.HTTP_2, "/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void unusableFilesStopStartUpNamingTheVariable() throws Exception {
        Certificates.Issued server = CERTIFICATES.server("EC", "bad.localhost");
        Certificates.Issued other = CERTIFICATES.server("EC", "other.localhost");
        CERTIFICATES.write(server, Certificates.KeyForm.TRADITIONAL, certificate(), key());
        Path otherCertificate = dir.resolve("other-cert.pem");
        Path otherKey = dir.resolve("other-key.pem");
        CERTIFICATES.write(other, Certificates.KeyForm.PKCS8, otherCertificate, otherKey);
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a PEM file\n");

        assertRefused(Map.of(TlsSettings.CERT, dir.resolve("missing.pem").toString()), TlsSettings.CERT, "missing.pem");
        assertRefused(Map.of(TlsSettings.CERT, dir.toString()), TlsSettings.CERT, "not a file");
        assertRefused(Map.of(TlsSettings.CERT, garbage.toString()), TlsSettings.CERT, "no PEM certificate");
        assertRefused(Map.of(TlsSettings.CERT, key().toString()), TlsSettings.CERT, "other than certificates");
        assertRefused(Map.of(TlsSettings.KEY, garbage.toString()), TlsSettings.KEY, "no PEM private key");
        assertRefused(Map.of(TlsSettings.KEY, certificate().toString()), TlsSettings.KEY, "something other than a private key");
        assertRefused(Map.of(TlsSettings.KEY, otherKey.toString()), TlsSettings.KEY, "not the private key of the first");
        // the chain's order matters: the server's own certificate first
        Files.writeString(otherCertificate, Certificates.pem(CERTIFICATES.intermediate.certificate())
                + Certificates.pem(server.certificate()));
        assertRefused(Map.of(TlsSettings.CERT, otherCertificate.toString()), TlsSettings.KEY, "first certificate");

        Map<String, String> onlyCertificate = settings();
        onlyCertificate.remove(TlsSettings.KEY);
        assertThatThrownBy(() -> TestLudus.start(onlyCertificate)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(TlsSettings.KEY + " must be set too");
    }

    private void assertRefused(Map<String, String> override, String variable, String problem) {
        Map<String, String> settings = settings();
        settings.putAll(override);
        assertThatThrownBy(() -> TestLudus.start(settings)).as(override.toString())
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(variable + " ")
                .hasMessageContaining(problem)
                .hasMessageNotContaining("PRIVATE KEY-----\n");
    }

    private static BigInteger servedWithin(TestLudus ludus, BigInteger expected, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        BigInteger serial = served(ludus).getSerialNumber();
        while (!serial.equals(expected) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            serial = served(ludus).getSerialNumber();
        }
        return serial;
    }

    private static boolean openssl() {
        try {
            Process process = new ProcessBuilder("openssl", "version").redirectErrorStream(true).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** What {@code openssl s_client} prints for a handshake offering only {@code version}, at the lowest security level. */
    private static String handshake(int port, String version) throws Exception {
        Process process = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + port, version,
                "-cipher", "DEFAULT:@SECLEVEL=0", "-brief").redirectErrorStream(true).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
