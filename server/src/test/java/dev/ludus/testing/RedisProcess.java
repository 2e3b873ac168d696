package dev.ludus.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;

/**
 * A {@code redis-server} of the test's own, on a free port, with its snapshot ({@code dump.rdb}) in a
 * directory of its own, so that a test can stop it, restart it empty or from an older snapshot, and
 * make it refuse writes without disturbing anyone else's Redis. Snapshots are taken only on
 * {@link #save()}. Use it as {@code @EnabledIf("dev.ludus.testing.RedisProcess#available")}.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private Process process;

    private RedisProcess(int port, Path dir) {
        this.port = port;
        this.dir = dir;
    }

    /** True when {@code redis-server} is on the path. */
    public static boolean available() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(folder -> Files.isExecutable(Path.of(folder, "redis-server")));
    }

    /** Starts a Redis on a free port and waits until it answers. */
    public static RedisProcess start() {
        try {
            RedisProcess redis = new RedisProcess(freePort(), Files.createTempDirectory("ludus-redis-"));
            redis.restart();
            return redis;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The URL to give {@code LUDUS_REDIS_URL}. */
    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Writes a snapshot now ({@code SAVE}); the next {@link #restart()} starts from it. */
    public void save() {
        command(Protocol.Command.SAVE);
    }

    /** Runs a command on this Redis, such as {@code REPLICAOF 127.0.0.1 1}, with a connection of its own. */
    public Object command(Protocol.Command command, String... arguments) {
        try (RedisClient client = client()) {
            return client.sendCommand(command, arguments);
        }
    }

    /** {@code CONFIG SET name value}: {@code maxmemory 1} makes Redis refuse writes with {@code OOM}. */
    public void configSet(String name, String value) {
        try (RedisClient client = client()) {
            client.configSet(name, value);
        }
    }

    /** Stops Redis at once, without writing a snapshot, and waits until the process is gone. */
    public void stop() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        process = null;
    }

    /** Starts Redis again on the same port, from the last {@link #save()} if there was one, else empty. */
    public void restart() {
        stop();
        try {
            process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString(), "--dbfilename", "dump.rdb")
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try (RedisClient client = client()) {
                client.ping();
                return;
            } catch (JedisException e) {
                if (Instant.now().isAfter(deadline) || !process.isAlive()) {
                    throw new IllegalStateException("redis-server did not start on port " + port + "; see "
                            + dir.resolve("redis.log"), e);
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RedisClient client() {
        return RedisClient.create("127.0.0.1", port);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
