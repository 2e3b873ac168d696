package dev.ludus.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.config.HttpLimits;
import dev.ludus.testing.RawHttp;
import dev.ludus.testing.ServerProcess;
import dev.ludus.testing.TestStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A server with few file descriptors (run under {@code prlimit}) keeps accepting connections after
 * clients have tried to open more connections than it has descriptors.
 */
class OpenFileLimitTest {

    private static final int OPEN_FILES = 320;
    private static final List<String> FEW_DESCRIPTORS = List.of("prlimit", "--nofile=" + OPEN_FILES + ":" + OPEN_FILES);

    @Test
    void listenerKeepsAcceptingAfterMoreClientsThanTheOpenFileLimitConnected() throws Exception {
        TestStore store = TestStore.create();
        ServerProcess server = ServerProcess.start(store, Map.of(), FEW_DESCRIPTORS);
        try {
            List<Socket> flood = connect(server.port(), 2 * OPEN_FILES);
            closeAll(flood);

            RawHttp.Answer ready = ready(server.port());
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.json().path("checks").path("listener").asText()).isEqualTo("UP");
            assertThat(server.log()).doesNotContain("Too many open files");
        } finally {
            server.kill();
            store.drop();
        }
    }

    @Test
    void watchdogStartsANewListenerWhenTheOldOneDied() throws Exception {
        TestStore store = TestStore.create();
        // no connection limit: the descriptors run out and Helidon's listener stops for good
        ServerProcess server = ServerProcess.start(store, Map.of(HttpLimits.MAX_CONNECTIONS, "0"), FEW_DESCRIPTORS);
        try {
            // hold the connections open until the listener has run out of descriptors: closed at
            // once, the server would close them as fast as it accepts them from the backlog
            List<Socket> flood = connect(server.port(), 2 * OPEN_FILES);
            long died = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!server.log().contains("Too many open files") && System.nanoTime() < died) {
                Thread.sleep(100);
            }
            closeAll(flood);
            assertThat(server.log()).as("the listener ran out of descriptors").contains("Too many open files");

            // the store's connections may need a moment to come back too: readiness says when
            RawHttp.Answer ready = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while ((ready == null || ready.status() != 200) && System.nanoTime() < deadline) {
                try {
                    ready = ready(server.port());
                } catch (UncheckedIOException refused) {
                    ready = null;
                }
                if (ready == null || ready.status() != 200) {
                    Thread.sleep(200);
                }
            }
            assertThat(ready).as("the server answers again").isNotNull();
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(server.log()).contains("Too many open files")
                    .contains("stopped accepting connections")
                    .contains("accepts connections on port " + server.port() + " again");
        } finally {
            server.kill();
            store.drop();
        }
    }

    private static RawHttp.Answer ready(int port) {
        try (RawHttp client = RawHttp.connect(port)) {
            return client.send("GET /health/ready HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").read();
        }
    }

    /** Opens up to {@code count} connections; stops at the first that cannot be made. */
    private static List<Socket> connect(int port, int count) {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                sockets.add(socket);
            } catch (IOException e) {
                closeAll(List.of(socket));
                break;
            }
        }
        return sockets;
    }

    private static void closeAll(List<Socket> sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
