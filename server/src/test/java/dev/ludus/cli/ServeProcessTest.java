package dev.ludus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.TestStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The first-run path as a user walks it, with real processes: {@code serve} on a fresh data
 * directory, {@code init} against it, the printed token, then SIGTERM. And a bad setting that stops
 * start-up with one line.
 */
class ServeProcessTest {

    private static final Pattern LISTENING = Pattern.compile("Ludus listening on (http://localhost:(\\d+))");

    private Path dataDir;
    private Process server;

    @BeforeEach
    void onlyOnce() throws IOException {
        assumeThat(TestStore.postgresql()).as("process tests run in the SQLite execution only").isFalse();
        dataDir = Files.createTempDirectory("ludus-serve-");
    }

    @AfterEach
    void kill() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    private static ProcessBuilder ludus(String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("dev.ludus.Ludus");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("LUDUS_"));
        return builder;
    }

    /** Starts {@code serve} on a free port, its output going to {@code log}; answers its base URL once it listens. */
    private String serve(ProcessBuilder builder, Path log) throws Exception {
        server = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline && server.isAlive()) {
            Thread.sleep(100);
            Matcher matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("the server did not start:\n" + Files.readString(log));
    }

    @Test
    void freshStartInitPrintsWorkingCredentialsAndSigtermStopsCleanly() throws Exception {
        Path log = dataDir.resolve("serve.log");
        String base = serve(ludus("serve", "--port", "0", "--data-dir", dataDir.toString()), log);
        List<String> lines = Files.readAllLines(log);
        Path keyFile = dataDir.resolve("admin.key");
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("generated the operator key in " + keyFile));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");

        Process init = ludus("init", "--url", base, "--data-dir", dataDir.toString()).redirectErrorStream(true).start();
        String printed = new String(init.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(init.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(init.exitValue()).as(printed).isZero();
        Matcher curl = Pattern.compile("curl -s (\\S+)/v1/auth/verify -H 'Authorization: Bearer ([^']+)'").matcher(printed);
        assertThat(curl.find()).as(printed).isTrue();
        assertThat(printed).containsPattern("api secret +sk_").containsPattern("client secret +cs_");
        assertThat(printed).contains("The console: " + base + "/console",
                "Sign in with the operator key (the file " + keyFile.toAbsolutePath().normalize() + ")")
                .doesNotContain(Files.readString(keyFile).strip());

        int port = Integer.parseInt(base.substring(base.lastIndexOf(':') + 1));
        Http.Answer verified = new Http(port).get("/v1/auth/verify", Http.bearer(curl.group(2)));
        assertThat(verified.status()).isEqualTo(200);
        assertThat(verified.json().path("subject").asText()).isEqualTo("user_123");

        server.destroy(); // SIGTERM
        assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        String rest = Files.readString(log);
        assertThat(rest).contains("shutting down");
        assertThat(rest).doesNotContain(curl.group(2)).doesNotContain(Files.readString(keyFile).strip());
    }

    @Test
    void misspelledSettingIsNamedInAWarningAndTheServerStartsAnyway() throws Exception {
        Path log = dataDir.resolve("serve.log");
        ProcessBuilder builder = ludus("serve", "--port", "0", "--data-dir", dataDir.toString());
        builder.environment().put("LUDUS_WEBHOOK_TIMEUOT", "PT30S");
        builder.environment().put("LUDUS_TEST_ANYTHING", "1");
        serve(builder, log);
        String output = Files.readString(log);
        assertThat(output).containsOnlyOnce("is not a Ludus setting")
                .contains("WARN")
                .contains("LUDUS_WEBHOOK_TIMEUOT is not a Ludus setting and is ignored; did you mean "
                        + "LUDUS_WEBHOOK_TIMEOUT?")
                .doesNotContain("PT30S");
    }

    @Test
    void badSettingStopsStartUpWithOneLineNamingTheVariable() throws Exception {
        Process process = ludus("serve", "--port", "eighty", "--data-dir", dataDir.toString()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as("the documented status of a bad setting").isEqualTo(2);
        assertThat(err).startsWith("ludus: LUDUS_PORT ").doesNotContain("\n");
    }

    @Test
    void anUnusableTlsFileStopsStartUpWithOneLineNamingTheVariable() throws Exception {
        Path certificate = Files.writeString(dataDir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nnot base64\n"
                + "-----END CERTIFICATE-----\n");
        Process process = ludus("serve", "--port", "0", "--data-dir", dataDir.toString(), "--tls-cert",
                certificate.toString(), "--tls-key", dataDir.resolve("key.pem").toString()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as(err).isEqualTo(2);
        assertThat(err).startsWith("ludus: LUDUS_TLS_KEY names ").contains("key.pem, which is not a file")
                .doesNotContain("\n");
    }

    @Test
    void initWithoutAServerSaysHowToStartOne() throws Exception {
        Files.writeString(dataDir.resolve("admin.key"), "k".repeat(40));
        Process process = ludus("init", "--url", "http://127.0.0.1:1", "--data-dir", dataDir.toString()).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(err).contains("./ludus serve");
    }
}
