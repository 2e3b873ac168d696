package dev.ludus.http;

import dev.ludus.config.TrustedProxies;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a request came from and whether it came over HTTPS, believing {@code X-Forwarded-For} and
 * {@code X-Forwarded-Proto} only when the connection's peer is a trusted proxy
 * ({@code LUDUS_TRUSTED_PROXIES}). From anyone else the headers are ignored: the peer is the client, and
 * the request is secure when its own connection is TLS.
 *
 * <p>The client is the right-most address of {@code X-Forwarded-For} that is not itself a trusted
 * proxy: each proxy appends the address it saw, so the addresses left of the first untrusted one
 * were written by the client and prove nothing. {@code X-Forwarded-Proto} is taken from its last
 * value, the one the proxy next to Ludus wrote.
 */
public final class ForwardedHeaders {

    public static final HeaderName FORWARDED_FOR = HeaderNames.create("X-Forwarded-For");
    public static final HeaderName FORWARDED_PROTO = HeaderNames.create("X-Forwarded-Proto");

    /** Believes no proxy. */
    static final ForwardedHeaders UNTRUSTING = new ForwardedHeaders(TrustedProxies.none());

    private final TrustedProxies proxies;

    public ForwardedHeaders(TrustedProxies proxies) {
        this.proxies = proxies;
    }

    /**
     * The origin of a request.
     *
     * @param address the client's IP address, empty when the peer is not on an IP socket
     * @param secure whether the client's own connection was HTTPS
     */
    public record Origin(Optional<String> address, boolean secure) {
    }

    /** The origin of {@code request}. */
    public Origin origin(ServerRequest request) {
        Optional<InetAddress> peer = peer(request);
        if (peer.isEmpty() || !proxies.trusts(peer.get())) {
            return new Origin(peer.map(InetAddress::getHostAddress), request.isSecure());
        }
        InetAddress client = peer.get();
        List<String> hops = values(request, FORWARDED_FOR);
        for (int i = hops.size() - 1; i >= 0; i--) {
            Optional<InetAddress> hop = TrustedProxies.literal(stripPort(hops.get(i)));
            if (hop.isEmpty()) {
                break;
            }
            client = hop.get();
            if (!proxies.trusts(client)) {
                break;
            }
        }
        List<String> protos = values(request, FORWARDED_PROTO);
        boolean secure = protos.isEmpty() ? request.isSecure()
                : protos.getLast().toLowerCase(Locale.ROOT).equals("https");
        return new Origin(Optional.of(client.getHostAddress()), secure);
    }

    private static Optional<InetAddress> peer(ServerRequest request) {
        SocketAddress address = request.remotePeer().address();
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return Optional.of(inet.getAddress());
        }
        return Optional.empty();
    }

    /** Every comma-separated value of every instance of the header, in order. */
    private static List<String> values(ServerRequest request, HeaderName name) {
        List<String> values = new ArrayList<>();
        if (request.headers().contains(name)) {
            for (String header : request.headers().get(name).allValues()) {
                for (String value : header.split(",")) {
                    if (!value.isBlank()) {
                        values.add(value.strip());
                    }
                }
            }
        }
        return values;
    }

    /** An address as proxies write it: {@code 192.0.2.1}, {@code 192.0.2.1:5000}, {@code [2001:db8::1]:5000}. */
    private static String stripPort(String hop) {
        if (hop.startsWith("[")) {
            int close = hop.indexOf(']');
            return close < 0 ? hop : hop.substring(1, close);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
