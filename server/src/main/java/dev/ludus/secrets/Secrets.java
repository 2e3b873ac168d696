package dev.ludus.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Random identifiers and secrets, hashing and constant-time comparison. Thread-safe:
 * {@link SecureRandom} is, and nothing else here is mutable.
 */
public final class Secrets {

    /** Random bytes in every secret: 256 bits. */
    public static final int SECRET_BYTES = 32;

    private static final char[] ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();

    private final SecureRandom random = new SecureRandom();

    /** {@code prefix} followed by 256 random bits in unpadded base64url (43 characters). */
    public String secret(String prefix) {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * {@code prefix} followed by 20 lower-case base32 characters that sort by {@code at}: 9 for its
     * milliseconds since the epoch (enough until the year 3084), then 11 random ones (55 bits). Rows
     * keyed by such ids are appended to the end of their index instead of landing on a random page.
     */
    public String timeOrderedId(String prefix, java.time.Instant at) {
        long millis = at.toEpochMilli();
        byte[] bytes = new byte[7];
        random.nextBytes(bytes);
        long entropy = 0;
        for (byte part : bytes) {
            entropy = (entropy << 8) | (part & 0xff);
        }
        char[] id = new char[20];
        for (int i = 8; i >= 0; i--, millis >>>= 5) {
            id[i] = ID_ALPHABET[(int) (millis & 31)];
        }
        for (int i = 19; i >= 9; i--, entropy >>>= 5) {
            id[i] = ID_ALPHABET[(int) (entropy & 31)];
        }
        return prefix + new String(id);
    }

    /** {@code prefix} followed by 20 random lower-case base32 characters (100 bits). */
    public String id(String prefix) {
        StringBuilder id = new StringBuilder(prefix.length() + 20).append(prefix);
        for (int i = 0; i < 20; i++) {
            id.append(ID_ALPHABET[random.nextInt(ID_ALPHABET.length)]);
        }
        return id.toString();
    }

    /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code value}. */
    public static String sha256Hex(String value) {
        return HexFormat.of().formatHex(sha256(value.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Compares two secrets in time that depends on neither their content nor their length, by
     * comparing their SHA-256 digests with {@link MessageDigest#isEqual}.
     */
    public static boolean constantTimeEquals(String presented, String expected) {
        return MessageDigest.isEqual(sha256(presented.getBytes(StandardCharsets.UTF_8)),
                sha256(expected.getBytes(StandardCharsets.UTF_8)));
    }

    /** Compares a presented secret against a stored lower-case hex SHA-256 in constant time. */
    public static boolean matchesHash(String presented, String expectedSha256Hex) {
        return MessageDigest.isEqual(sha256Hex(presented).getBytes(StandardCharsets.US_ASCII),
                expectedSha256Hex.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
