package dev.ludus.testing;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.math.ec.ECPoint;

/**
 * An independent signer for the legacy scheme, written in the tests from BouncyCastle's curve
 * arithmetic and Keccak (not from the server's code): plain ECDSA over secp256k1 with a random
 * {@code k}, low {@code s}, and {@code v} from the parity of {@code R}. To test a client that signs
 * by itself, register {@link #address()} with an application (operator API {@code POST
 * /admin/v1/applications/{id}/ecdsa_keys}) and give the client {@link #privateKeyHex()}; to sign
 * requests here, {@link #sign(byte[])} the {@link #message} of the scheme.
 */
public final class LegacySigner {

    public static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final HexFormat HEX = HexFormat.of();

    private final BigInteger privateKey;
    private final SecureRandom random = new SecureRandom();

    public LegacySigner(BigInteger privateKey) {
        this.privateKey = privateKey;
    }

    /** A signer with a random key (below 2^255, so always on the curve's range). */
    public static LegacySigner random() {
        return new LegacySigner(new BigInteger(255, new SecureRandom()).add(BigInteger.ONE));
    }

    /** The private key as 64 lower-case hex digits, without {@code 0x}. */
    public String privateKeyHex() {
        return String.format("%064x", privateKey);
    }

    /** {@code 0x} and 40 lower-case hex digits. */
    public String address() {
        byte[] encoded = CURVE.getG().multiply(privateKey).normalize().getEncoded(false);
        byte[] hash = keccak(Arrays.copyOfRange(encoded, 1, encoded.length));
        return "0x" + HEX.formatHex(Arrays.copyOfRange(hash, 12, 32));
    }

    public static byte[] keccak(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    /** The message of the scheme: method, path with query, timestamp, nonce, hex SHA-256 of the body. */
    public static byte[] message(String method, String pathWithQuery, long timestamp, String nonce, byte[] body) {
        try {
            String bodyHash = HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            return (method + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n" + bodyHash)
                    .getBytes(StandardCharsets.UTF_8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The headers of a request signed with this key, as a legacy SDK sends them ({@code authsignature},
     * {@code X-Ludus-App}, {@code X-Ludus-Timestamp}, {@code X-Ludus-Nonce}), name and value in turn.
     */
    public String[] headers(String applicationId, String method, String pathWithQuery, long timestamp, String nonce,
            byte[] body) {
        String signature = HEX.formatHex(sign(message(method, pathWithQuery, timestamp, nonce, body)));
        return new String[] {"authsignature", signature, "X-Ludus-App", applicationId,
                "X-Ludus-Timestamp", Long.toString(timestamp), "X-Ludus-Nonce", nonce};
    }

    /** The headers of a bodiless GET of {@code pathWithQuery} signed with this key, with a fresh nonce. */
    public String[] headers(String applicationId, String pathWithQuery, long timestamp) {
        return headers(applicationId, "GET", pathWithQuery, timestamp, UUID.randomUUID().toString(),
                new byte[0]);
    }

    /** A 65-byte {@code r||s||v} signature of Keccak-256({@code message}), v 27 or 28. */
    public byte[] sign(byte[] message) {
        BigInteger n = CURVE.getN();
        BigInteger e = new BigInteger(1, keccak(message));
        while (true) {
            BigInteger k = new BigInteger(256, random).mod(n);
            if (k.signum() == 0) {
                continue;
            }
            ECPoint point = CURVE.getG().multiply(k).normalize();
            BigInteger x = point.getAffineXCoord().toBigInteger();
            if (x.compareTo(n) >= 0) {
                continue;
            }
            BigInteger r = x.mod(n);
            BigInteger s = k.modInverse(n).multiply(e.add(r.multiply(privateKey))).mod(n);
            if (r.signum() == 0 || s.signum() == 0) {
                continue;
            }
            int recoveryId = point.getAffineYCoord().toBigInteger().testBit(0) ? 1 : 0;
            if (s.compareTo(n.shiftRight(1)) > 0) {
                s = n.subtract(s);
                recoveryId ^= 1;
            }
            byte[] signature = new byte[65];
            copy32(r, signature, 0);
            copy32(s, signature, 32);
            signature[64] = (byte) (27 + recoveryId);
            return signature;
        }
    }

    /** The same signature with {@code s} replaced by {@code n - s} and {@code v} flipped: the high-s twin. */
    public static byte[] highSTwin(byte[] signature) {
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        byte[] twin = signature.clone();
        copy32(CURVE.getN().subtract(s), twin, 32);
        twin[64] = (byte) (twin[64] == 27 ? 28 : 27);
        return twin;
    }

    private static void copy32(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        Arrays.fill(target, offset, offset + 32, (byte) 0);
        System.arraycopy(bytes, bytes.length - length, target, offset + 32 - length, length);
    }
}
