package dev.ludus.webhook;

import dev.ludus.http.ApiException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps webhook requests off the server's own networks (SSRF): a URL must be absolute http(s)
 * without credentials, and every address its host resolves to must be public, neither loopback,
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, where cloud metadata
 * lives, fe80::/10), unspecified, multicast nor shared (100.64/10), including those written as
 * IPv4-mapped IPv6. Checked when an endpoint is saved and again before every attempt, since DNS
 * can change. The operator lifts the address check with {@code LUDUS_WEBHOOK_ALLOW_PRIVATE=true}.
 * Thread-safe: immutable.
 */
public final class UrlGuard {

    /** The longest URL accepted. */
    public static final int MAX_LENGTH = 2048;

    /** Resolves a host name to its addresses (the JDK's resolver in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean allowPrivate;
    private final Resolver resolver;

    public UrlGuard(boolean allowPrivate, Resolver resolver) {
        this.allowPrivate = allowPrivate;
        this.resolver = resolver;
    }

    /** The URL when it is acceptable; otherwise 400 {@code webhook_url_refused} naming {@code url} and why. */
    public URI check(String url) {
        URI uri = parse(url);
        refusal(uri).ifPresent(reason -> {
            throw refused(reason);
        });
        return uri;
    }

    /** Why the URL may not be called now, if it may not. */
    public Optional<String> refusal(URI uri) {
        if (allowPrivate) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            return Optional.of("the host '" + uri.getHost() + "' does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = forbidden(address);
            if (kind.isPresent()) {
                return Optional.of("the host '" + uri.getHost() + "' resolves to " + address.getHostAddress()
                        + ", a " + kind.get() + " address (an operator may allow private addresses with "
                        + "LUDUS_WEBHOOK_ALLOW_PRIVATE=true)");
            }
        }
        return Optional.empty();
    }

    /** The kind of address a webhook may not reach, if {@code address} is one. */
    static Optional<String> forbidden(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            if (isMappedV4(bytes)) {
                try {
                    return forbidden(InetAddress.getByAddress(java.util.Arrays.copyOfRange(bytes, 12, 16)));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
            if ((bytes[0] & 0xfe) == 0xfc) {
                return Optional.of("private (unique local)");
            }
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("unspecified");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local or metadata");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        if (address instanceof Inet4Address v4) {
            byte[] bytes = v4.getAddress();
            if ((bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64) {
                return Optional.of("shared (carrier-grade NAT)");
            }
            if ((bytes[0] & 0xff) == 0) {
                return Optional.of("unspecified");
            }
        }
        return Optional.empty();
    }

    private static boolean isMappedV4(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff;
    }

    private static URI parse(String url) {
        if (url.length() > MAX_LENGTH) {
            throw ApiException.invalidField("url", "'url' must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused("it is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw refused("only http and https URLs are allowed");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw refused("it has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw refused("it must not carry credentials (user:password@)");
        }
        if (uri.getRawFragment() != null) {
            throw refused("it must not have a fragment");
        }
        return uri;
    }

    private static ApiException refused(String reason) {
        return new ApiException(400, "webhook_url_refused", "Webhook URL refused",
                "the webhook URL is refused: " + reason, Map.of("field", "url", "reason", reason), Map.of());
    }
}
