package dev.ludus.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The Redis of the tests that need one: {@code LUDUS_TEST_REDIS_URL} when set (those tests then
 * must run, and fail when it does not answer: CI sets it), else a Redis answering on
 * 127.0.0.1:6379, else none (those tests are skipped, so that the suite runs on a machine with only
 * a JDK). Use it as {@code @EnabledIf("dev.ludus.testing.TestRedis#available")}.
 */
public final class TestRedis {

    private static final String LOCAL = "redis://127.0.0.1:6379";

    private TestRedis() { }

    /** The URL to use. */
    public static String url() {
        return configured().orElse(LOCAL);
    }

    /** True when the Redis tests should run. */
    public static boolean available() {
        return configured().isPresent() || answers(URI.create(LOCAL));
    }

    private static Optional<String> configured() {
        return Optional.ofNullable(System.getenv("LUDUS_TEST_REDIS_URL")).filter(url -> !url.isBlank());
    }

    private static boolean answers(URI uri) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 500);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = new byte[5];
            return in.readNBytes(answer, 0, 5) == 5 && new String(answer, StandardCharsets.US_ASCII).equals("+PONG");
        } catch (IOException e) {
            return false;
        }
    }
}
