package dev.ludus.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.ludus.config.LudusConfig;
import dev.ludus.store.Database;
import dev.ludus.testing.Http;
import dev.ludus.testing.TcpProxy;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.TestStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The store failing under a running server: PostgreSQL out of reach, and the disk of an SQLite
 * store full. Readiness says so within its budget, and writes answer 503 problem+json with
 * {@code Retry-After}, never 500.
 */
class StoreOutageTest {

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void readinessAnswersWithinItsBudgetWhilePostgresqlIsUnreachable() {
        assumeThat(TestStore.postgresql()).as("a store that can be cut off: PostgreSQL").isTrue();
        TestStore store = TestStore.create();
        URI target = URI.create(store.dbUrl().orElseThrow().substring("jdbc:".length()));
        try (TcpProxy proxy = new TcpProxy(target.getHost(), target.getPort())) {
            String url = store.dbUrl().orElseThrow().replace(":" + target.getPort() + "/", ":" + proxy.port() + "/");
            try (TestLudus ludus = TestLudus.start(Map.of(LudusConfig.DB_URL, url))) {
                assertThat(ludus.http().get("/health/ready").status()).isEqualTo(200);
                proxy.cut();

                long started = System.nanoTime();
                Http.Answer ready = ludus.http().get("/health/ready");
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().path("checks").path("store").asText()).isEqualTo("DOWN");
                // the pool alone would wait 10 s for a connection; the budget is 2 s
                assertThat(millis).as("readiness answered after %d ms", millis).isLessThan(6_000);

                Http.Answer tenant = ludus.http().post("/admin/v1/tenants", "{\"name\":\"t\"}", TestLudus.operator());
                assertThat(tenant.status()).as(tenant.body()).isEqualTo(503);
                assertThat(tenant.error()).isEqualTo("unavailable");
                assertThat(tenant.header("Retry-After")).isPresent();

                proxy.restore();
                // a check begun while the store was away may still be waiting for its connection;
                // probes share it, so ready comes back within the pool's wait, not at once
                int status = 0;
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (status != 200 && System.nanoTime() < deadline) {
                    status = ludus.http().get("/health/ready").status();
                }
                assertThat(status).as("readiness after the store came back").isEqualTo(200);
            }
        } finally {
            store.drop();
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fullDiskMakesRuleAndTenantWritesAnswer503AndReadinessDown() throws Exception {
        assumeThat(TestStore.postgresql()).as("the disk of an SQLite store").isFalse();
        Path mount = Files.createTempDirectory("ludus-full-disk-");
        assumeThat(run("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", mount.toString()))
                .as("a small file system to fill (mount needs root)").isZero();
        try {
            Path dataDir = mount.resolve("data");
            try (TestLudus ludus = TestLudus.start(Map.of(LudusConfig.DATA_DIR, dataDir.toString()))) {
                TestApp app = ludus.createApp();
                String[] admin = Http.bearer(app.tokenWith("admin"));
                assertThat(ludus.http().get("/health/ready").status()).isEqualTo(200);

                fill(mount.resolve("filler"));
                Http.Answer ready = ludus.http().get("/health/ready");
                assertThat(ready.status()).isEqualTo(503);
                assertThat(ready.json().path("checks").path("disk").asText()).isEqualTo("DOWN");

                String description = "x".repeat(1_900);
                Http.Answer metric = null;
                for (int i = 0; i < 200 && (metric == null || metric.status() == 200 || metric.status() == 201); i++) {
                    metric = ludus.http().send("PUT", "/v1/metrics/m" + i,
                            "{\"name\":\"M\",\"description\":\"" + description + "\"}", admin);
                }
                assertThat(metric.status()).as(metric.body()).isEqualTo(503);
                assertThat(metric.header("Content-Type")).contains("application/problem+json");
                assertThat(metric.error()).isEqualTo("unavailable");
                assertThat(metric.header("Retry-After")).isPresent();
                Http.Answer tenant = null;
                for (int i = 0; i < 200 && (tenant == null || tenant.status() == 201); i++) {
                    tenant = ludus.http().post("/admin/v1/tenants", "{\"name\":\"" + "t".repeat(200) + "\"}",
                            TestLudus.operator());
                }
                assertThat(tenant.status()).as(tenant.body()).isEqualTo(503);
                assertThat(tenant.error()).isEqualTo("unavailable");

                Files.delete(mount.resolve("filler"));
                assertThat(ludus.http().get("/health/ready").status()).isEqualTo(200);
                assertThat(ludus.http().send("PUT", "/v1/metrics/after", "{\"name\":\"After\"}", admin).status())
                        .isIn(200, 201);
            }
        } finally {
            run("umount", "-l", mount.toString());
            Files.deleteIfExists(mount);
        }
    }

    /** Writes zeros until the file system refuses more. */
    private static void fill(Path file) throws IOException {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            if (Files.getFileStore(file.getParent()).getUsableSpace() >= Database.MIN_FREE_BYTES) {
                throw e;
            }
        }
    }

    private static int run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor();
        } catch (IOException e) {
            return -1;
        }
    }
}
