package dev.ludus.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} headers the server believes:
 * addresses and CIDR ranges, IPv4 or IPv6, from {@code LUDUS_TRUSTED_PROXIES} (separated by commas or
 * spaces). Empty by default: then the connection's peer is the client and the headers are ignored.
 *
 * @param ranges the ranges as configured, in order
 */
public record TrustedProxies(List<Range> ranges) {

    public static final String VARIABLE = "LUDUS_TRUSTED_PROXIES";

    /** Address literals only: a host name here would mean a DNS lookup, and trust in whoever answers it. */
    private static final Pattern LITERAL = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    /** No proxy is trusted. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean trusts(InetAddress address) {
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Parses an address literal (never looked up in DNS); empty when it is not one. */
    public static java.util.Optional<InetAddress> literal(String text) {
        if (!LITERAL.matcher(text).matches()) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(text));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    static TrustedProxies from(Map<String, String> variables) {
        List<Range> ranges = new ArrayList<>();
        for (String entry : LudusConfig.value(variables, VARIABLE).orElse("").split("[,\\s]+")) {
            if (!entry.isEmpty()) {
                ranges.add(Range.parse(entry));
            }
        }
        return new TrustedProxies(ranges);
    }

    /**
     * An address and the number of leading bits that must match it.
     *
     * @param network the range's address (bits past the prefix are ignored)
     * @param prefixLength how many leading bits of an address must equal the network's
     * @param text the range as configured
     */
    public record Range(InetAddress network, int prefixLength, String text) {

        static Range parse(String text) {
            int slash = text.indexOf('/');
            String address = slash < 0 ? text : text.substring(0, slash);
            InetAddress network = literal(address).orElseThrow(() -> new ConfigException(VARIABLE,
                    "must list IP addresses or CIDR ranges (like 10.0.0.0/8 or fd00::/8), separated by commas; '"
                            + text + "' is not one"));
            int bits = network.getAddress().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    prefix = -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new ConfigException(VARIABLE, "has the range '" + text + "' whose prefix length is not from 0 to "
                            + bits);
                }
            }
            return new Range(network, prefix, text);
        }

        /** Whether {@code address} is in the range (an IPv4 address never is in an IPv6 range, nor the reverse). */
        public boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            byte[] base = network.getAddress();
            if (candidate.length != base.length) {
                return false;
            }
            int whole = prefixLength / 8;
            for (int i = 0; i < whole; i++) {
                if (candidate[i] != base[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (candidate[whole] & mask) == (base[whole] & mask);
        }
    }
}
