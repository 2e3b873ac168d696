package dev.ludus.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ludus serve} as a separate JVM on a test store, so that a test can SIGKILL it: no shutdown
 * hook, no graceful close. The log goes to a file in the store's data directory.
 */
public final class ServerProcess {

    private static final Pattern LISTENING = Pattern.compile("Ludus listening on http://localhost:(\\d+)");

    private final Process process;
    private final Http http;
    private final int port;
    private final Path log;

    private ServerProcess(Process process, Http http, int port, Path log) {
        this.process = process;
        this.http = http;
        this.port = port;
        this.log = log;
    }

    public int port() {
        return port;
    }

    /** What the server has written to its log so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Starts a server on {@code store} with extra {@code LUDUS_*} variables and waits until it listens. */
    public static ServerProcess start(TestStore store, Map<String, String> settings)
            throws IOException, InterruptedException {
        return start(store, settings, List.of());
    }

    /**
     * As {@link #start(TestStore, Map)}, with the java command run through {@code launcher}, such as
     * {@code prlimit --nofile=300:300} to give the server fewer file descriptors.
     */
    public static ServerProcess start(TestStore store, Map<String, String> settings, List<String> launcher)
            throws IOException, InterruptedException {
        return start(store, settings, launcher, List.of());
    }

    /** As {@link #start(TestStore, Map, List)}, with options for the server's JVM, such as {@code -Xmx256m}. */
    public static ServerProcess start(TestStore store, Map<String, String> settings, List<String> launcher,
            List<String> jvmOptions) throws IOException, InterruptedException {
        Path log = Files.createTempFile(store.dataDir(), "serve-", ".log");
        List<String> command = new ArrayList<>(launcher);
        command.add(ProcessHandle.current().info().command().orElseThrow());
        command.addAll(jvmOptions);
        command.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.ludus.Ludus", "serve", "--port", "0", "--data-dir", store.dataDir().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("LUDUS_"));
        builder.environment().put("LUDUS_ADMIN_KEY", TestLudus.ADMIN_KEY);
        builder.environment().put("LUDUS_ISSUER", TestLudus.ISSUER);
        store.dbUrl().ifPresent(url -> builder.environment().put("LUDUS_DB_URL", url));
        builder.environment().putAll(settings);
        Process process = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            Matcher matcher = LISTENING.matcher(Files.readString(log));
            if (matcher.find()) {
                return new ServerProcess(process, new Http(Integer.parseInt(matcher.group(1))),
                        Integer.parseInt(matcher.group(1)), log);
            }
            Thread.sleep(50);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not start:\n" + Files.readString(log));
    }

    public Process process() {
        return process;
    }

    public Http http() {
        return http;
    }

    /** SIGKILL, and waits for the process to be gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the server survived SIGKILL for 30 s");
        }
        http.close();
    }
}
