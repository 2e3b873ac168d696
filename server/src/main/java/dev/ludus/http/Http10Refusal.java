package dev.ludus.http;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

/**
 * Answers an HTTP/1.0 request with 505 problem+json and closes the connection. Helidon serves only
 * HTTP/1.1 and closes an HTTP/1.0 connection without a word; this selector claims such connections
 * first (its request line ends in {@code HTTP/1.0}) so that the client learns why. Stateless.
 */
public final class Http10Refusal implements ServerConnectionSelector {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Http10Refusal.class);

    private final Json json;
    private final int maxRequestLine;

    /** {@code maxRequestLine}: how many bytes to wait for before giving the connection to the next selector. */
    public Http10Refusal(Json json, int maxRequestLine) {
        this.json = json;
        this.maxRequestLine = maxRequestLine;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return 0;
    }

    @Override
    public Support supports(BufferData data) {
        int lineFeed = data.indexOf((byte) '\n');
        if (lineFeed == -1) {
            return data.available() > maxRequestLine ? Support.UNSUPPORTED : Support.UNKNOWN;
        }
        return data.readString(lineFeed).endsWith(" HTTP/1.0\r") ? Support.SUPPORTED : Support.UNSUPPORTED;
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return Set.of();
    }

    @Override
    public ServerConnection connection(ConnectionContext context) {
        return new ServerConnection() {
            @Override
            public void handle(io.helidon.common.concurrency.limits.Limit limit) {
                ApiException problem = new ApiException(505, "http_version_not_supported", "HTTP version not supported",
                        "only HTTP/1.1 is served; send the request again with HTTP/1.1");
                byte[] body = json.write(ProblemHandler.body(problem));
                String head = "HTTP/1.1 505 HTTP Version Not Supported\r\n"
                        + "Content-Type: " + ApiException.PROBLEM_JSON + "\r\n"
                        + "Content-Length: " + body.length + "\r\n"
                        + "Cache-Control: no-store\r\n"
                        + RequestFilter.REQUEST_ID.defaultCase() + ": " + RequestFilter.newRequestId() + "\r\n"
                        + "Connection: close\r\n\r\n";
                byte[] head1 = head.getBytes(StandardCharsets.US_ASCII);
                byte[] answer = new byte[head1.length + body.length];
                System.arraycopy(head1, 0, answer, 0, head1.length);
                System.arraycopy(body, 0, answer, head1.length, body.length);
                try {
                    context.dataWriter().writeNow(BufferData.create(answer));
                } catch (RuntimeException e) {
                    // the client hung up first (a health checker's connection reset): nobody to tell
                    LOG.debug("the HTTP/1.0 refusal could not be written: {}", e.toString());
                }
            }

            @Override
            public Duration idleTime() {
                return Duration.ZERO;
            }

            @Override
            public void close(boolean interrupt) {
                // the answer is written in one go; the connection ends with it
            }
        };
    }
}
