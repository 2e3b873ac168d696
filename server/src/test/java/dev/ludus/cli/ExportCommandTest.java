package dev.ludus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.Http;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ludus export} against a running server: a whole export, a broken one resumed, its refusals. */
class ExportCommandTest {

    private TestLudus ludus;
    private TestApp app;

    @TempDir
    Path dir;

    @BeforeEach
    void start() {
        ludus = TestLudus.builder().runningClock().start();
        app = ludus.createApp();
        Http http = ludus.http();
        http.send("PUT", "/v1/metrics/lessons", "{}", Http.bearer(app.tokenWith("admin")));
        for (int i = 0; i < 30; i++) {
            assertThat(http.post("/v1/events", "{\"user_id\":\"u" + (i % 7) + "\",\"metric\":\"lessons\",\"value\":1,"
                    + "\"attributes\":{\"n\":\"a,b\\\"" + i + "\"}}", Http.bearer(app.tokenWith("users:write"))).status())
                    .isEqualTo(201);
        }
    }

    @AfterEach
    void stop() {
        ludus.close();
    }

    private record Run(int status, String out, String err) { }

    private Run export(String... args) {
        List<String> all = new ArrayList<>(List.of("export"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", ludus.baseUrl(), "--token", app.tokenWith("admin")));
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        synchronized (ExportCommandTest.class) {
            try {
                System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
                int status = LudusCli.run(all.toArray(String[]::new), config -> {
                    throw new AssertionError("export must not start a server");
                });
                return new Run(status, capturedOut.toString(StandardCharsets.UTF_8),
                        capturedErr.toString(StandardCharsets.UTF_8));
            } finally {
                System.setOut(out);
                System.setErr(err);
            }
        }
    }

    @Test
    void anExportBrokenMidLineIsResumedToTheSameFile() throws Exception {
        for (String format : List.of("ndjson", "csv")) {
            Path whole = dir.resolve("whole." + format);
            List<String> csv = format.equals("csv") ? List.of("--csv") : List.of();
            List<String> args = new ArrayList<>(List.of("events", "--out", whole.toString()));
            args.addAll(csv);
            Run run = export(args.toArray(String[]::new));
            assertThat(run.status()).as(run.err()).isZero();
            assertThat(run.out()).contains("Exported 30 events to " + whole);
            List<String> lines = Files.readAllLines(whole);
            assertThat(lines).hasSize(format.equals("csv") ? 31 : 30);

            // a run that broke after 12 lines and half of the 13th
            String text = Files.readString(whole);
            int cut = 0;
            for (int i = 0; i < (format.equals("csv") ? 13 : 12); i++) {
                cut = text.indexOf('\n', cut) + 1;
            }
            Path broken = dir.resolve("broken." + format);
            Files.writeString(broken, text.substring(0, cut + 10));
            List<String> resumeArgs = new ArrayList<>(List.of("events", "--out", broken.toString(), "--resume"));
            resumeArgs.addAll(csv);
            Run resumed = export(resumeArgs.toArray(String[]::new));
            assertThat(resumed.status()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("Exported 18 events").contains("resumed after evt_");
            assertThat(Files.readAllLines(broken)).as(format).containsExactlyElementsOf(Files.readAllLines(whole));
            assertThat(Files.readString(broken)).as(format).isEqualTo(text);
        }
    }

    @Test
    void usersAndRefusals() throws Exception {
        Path users = dir.resolve("users.ndjson");
        assertThat(export("users", "--out", users.toString()).status()).isZero();
        assertThat(Files.readAllLines(users)).hasSize(7);
        Run exists = export("users", "--out", users.toString());
        assertThat(exists.status()).isNotZero();
        assertThat(exists.err()).contains("exists: pass --resume");
        assertThat(export("teams").err()).contains("'events' or 'users'");
        assertThat(export("events", "--from", "yesterday", "--out", dir.resolve("x").toString()).err())
                .contains("--from must be an RFC 3339 instant");
        List<String> weak = new ArrayList<>(List.of("export", "events", "--out", dir.resolve("z").toString(), "--url",
                ludus.baseUrl(), "--token", app.tokenWith("users:read")));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        synchronized (ExportCommandTest.class) {
            try {
                System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
                assertThat(LudusCli.run(weak.toArray(String[]::new), config -> {
                    throw new AssertionError();
                })).isNotZero();
            } finally {
                System.setErr(err);
            }
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).contains("403").contains("export needs a token with scope admin");
    }
}
