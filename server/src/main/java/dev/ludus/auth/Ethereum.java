package dev.ludus.auth;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Curve;

/**
 * The Ethereum conventions the legacy ECDSA scheme uses, on BouncyCastle (the JDK dropped
 * secp256k1): Keccak-256 (the original Keccak, not FIPS SHA3-256), addresses (the last 20 bytes of
 * the Keccak-256 of the uncompressed public key), EIP-55 checksums, and public key recovery from an
 * {@code r||s||v} signature. Stateless and thread-safe.
 */
public final class Ethereum {

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final BigInteger N = CURVE.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);
    private static final HexFormat HEX = HexFormat.of();

    private Ethereum() {
    }

    /** Keccak-256 of {@code input}. */
    public static byte[] keccak256(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** The address (40 lower-case hex digits, no {@code 0x}) of an uncompressed public key point. */
    public static String address(ECPoint publicKey) {
        byte[] encoded = publicKey.normalize().getEncoded(false);
        byte[] hash = keccak256(Arrays.copyOfRange(encoded, 1, encoded.length));
        return HEX.formatHex(Arrays.copyOfRange(hash, 12, 32));
    }

    /** The address of a private key; used by tests and tools. */
    public static String addressOf(BigInteger privateKey) {
        return address(CURVE.getG().multiply(privateKey));
    }

    /**
     * Normalises an address written as {@code 0x} and 40 hex digits to lower case without the
     * prefix. All-lower and all-upper digits are accepted as they are; mixed case must carry a
     * valid EIP-55 checksum. Empty when the address is malformed or its checksum is wrong.
     */
    public static Optional<String> normaliseAddress(String written) {
        if (written == null || written.length() != 42 || !written.startsWith("0x")) {
            return Optional.empty();
        }
        String digits = written.substring(2);
        for (char c : digits.toCharArray()) {
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex) {
                return Optional.empty();
            }
        }
        String lower = digits.toLowerCase(Locale.ROOT);
        boolean mixed = !digits.equals(lower) && !digits.equals(digits.toUpperCase(Locale.ROOT));
        if (mixed && !digits.equals(checksummed(lower))) {
            return Optional.empty();
        }
        return Optional.of(lower);
    }

    /** The EIP-55 mixed-case form of a lower-case address (without {@code 0x}). */
    public static String checksummed(String lowerAddress) {
        String hash = HEX.formatHex(keccak256(lowerAddress.getBytes(StandardCharsets.US_ASCII)));
        StringBuilder out = new StringBuilder(40);
        for (int i = 0; i < lowerAddress.length(); i++) {
            char c = lowerAddress.charAt(i);
            out.append(Character.digit(hash.charAt(i), 16) >= 8 ? Character.toUpperCase(c) : c);
        }
        return out.toString();
    }

    /**
     * Recovers the signer's address from a 65-byte {@code r||s||v} signature over a 32-byte digest.
     * Empty for anything that is not a valid signature: {@code r} or {@code s} out of range, a high
     * {@code s} (EIP-2, so that no signature has a second valid form), {@code v} other than 27, 28, 0
     * or 1, or no point for {@code r}.
     */
    public static Optional<String> recoverAddress(byte[] digest, byte[] signature) {
        if (digest.length != 32 || signature.length != 65) {
            return Optional.empty();
        }
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        int v = signature[64] & 0xff;
        int recoveryId = v >= 27 ? v - 27 : v;
        if (recoveryId != 0 && recoveryId != 1) {
            return Optional.empty();
        }
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(HALF_N) > 0) {
            return Optional.empty();
        }
        BigInteger prime = SecP256K1Curve.q;
        if (r.compareTo(prime) >= 0) {
            return Optional.empty();
        }
        ECPoint point;
        try {
            byte[] compressed = new byte[33];
            compressed[0] = (byte) (recoveryId == 1 ? 0x03 : 0x02);
            byte[] x = r.toByteArray();
            int length = Math.min(x.length, 32);
            System.arraycopy(x, x.length - length, compressed, 33 - length, length);
            point = CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!point.multiply(N).isInfinity()) {
            return Optional.empty();
        }
        BigInteger e = new BigInteger(1, digest);
        BigInteger rInverse = r.modInverse(N);
        BigInteger u1 = N.subtract(e).mod(N).multiply(rInverse).mod(N);
        BigInteger u2 = s.multiply(rInverse).mod(N);
        ECPoint publicKey = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, point, u2).normalize();
        if (publicKey.isInfinity()) {
            return Optional.empty();
        }
        return Optional.of(address(publicKey));
    }
}
