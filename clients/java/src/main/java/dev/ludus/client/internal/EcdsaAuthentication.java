package dev.ludus.client.internal;

import java.lang.System.Logger.Level;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.KeccakDigest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Legacy ECDSA request signing (deprecated): every request signed with secp256k1 over
 * Keccak-256({@code METHOD\nPATH_WITH_QUERY\nTIMESTAMP\nNONCE\nhex(SHA-256(body))}), sent as
 * {@code authsignature} ({@code r||s||v}, low s, v 27 or 28) with {@code X-Ludus-App},
 * {@code X-Ludus-Timestamp} and a fresh {@code X-Ludus-Nonce}.
 *
 * <p>The only class of the SDK that touches BouncyCastle: it is loaded only when a client is built
 * with {@code .ecdsa(...)}, so BouncyCastle is an optional dependency. Thread-safe.
 */
public final class EcdsaAuthentication implements Authentication {

    /** Where the deprecation warning goes (once per client). */
    public static final String LOGGER_NAME = "dev.ludus.client";

    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters DOMAIN = new ECDomainParameters(CURVE.getCurve(), CURVE.getG(),
            CURVE.getN(), CURVE.getH());
    private static final HexFormat HEX = HexFormat.of();

    private final String applicationId;
    private final ECPrivateKeyParameters privateKey;
    private final ECPoint publicKey;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean warned = new AtomicBoolean();

    public EcdsaAuthentication(String applicationId, BigInteger privateKey, Clock clock) {
        if (applicationId == null || applicationId.isBlank()) {
            throw new IllegalArgumentException("applicationId must not be blank");
        }
        if (privateKey == null || privateKey.signum() <= 0 || privateKey.compareTo(CURVE.getN()) >= 0) {
            throw new IllegalArgumentException("privateKey must be a secp256k1 private key (1 to n - 1)");
        }
        this.applicationId = applicationId;
        this.privateKey = new ECPrivateKeyParameters(privateKey, DOMAIN);
        this.publicKey = CURVE.getG().multiply(privateKey).normalize();
        this.clock = clock;
    }

    /** The key's address: {@code 0x} and the last 20 bytes of Keccak-256 of the public key, lower case. */
    public String address() {
        byte[] encoded = publicKey.getEncoded(false);
        byte[] hash = keccak(Arrays.copyOfRange(encoded, 1, encoded.length));
        return "0x" + HEX.formatHex(hash, 12, 32);
    }

    @Override
    public String apply(HttpRequest.Builder request, String method, URI uri, byte[] body) {
        if (warned.compareAndSet(false, true)) {
            System.getLogger(LOGGER_NAME).log(Level.WARNING, "Ludus application {0} signs its requests with ECDSA,"
                    + " which is deprecated: move to .clientCredentials(clientId, clientSecret)"
                    + " (docs/migrating-from-ecdsa.md)", applicationId);
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        byte[] nonceBytes = new byte[16];
        random.nextBytes(nonceBytes);
        String nonce = HEX.formatHex(nonceBytes);
        String pathWithQuery = uri.getRawPath() + (uri.getRawQuery() == null || uri.getRawQuery().isEmpty()
                ? "" : "?" + uri.getRawQuery());
        String message = method + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n"
                + HEX.formatHex(sha256(body));
        request.setHeader("authsignature", HEX.formatHex(sign(keccak(message.getBytes(StandardCharsets.UTF_8)))))
                .setHeader("X-Ludus-App", applicationId)
                .setHeader("X-Ludus-Timestamp", timestamp)
                .setHeader("X-Ludus-Nonce", nonce);
        return null;
    }

    /** {@code r||s||v} of {@code digest}: deterministic k (RFC 6979), low s, v = 27 + recovery id. */
    private byte[] sign(byte[] digest) {
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, privateKey);
        BigInteger[] rs = signer.generateSignature(digest);
        BigInteger n = CURVE.getN();
        BigInteger r = rs[0];
        BigInteger s = rs[1].compareTo(n.shiftRight(1)) > 0 ? n.subtract(rs[1]) : rs[1];
        for (int recoveryId = 0; recoveryId < 2; recoveryId++) {
            if (publicKey.equals(recover(digest, r, s, recoveryId))) {
                byte[] signature = new byte[65];
                copy32(r, signature, 0);
                copy32(s, signature, 32);
                signature[64] = (byte) (27 + recoveryId);
                return signature;
            }
        }
        throw new IllegalStateException("no recovery id recovers the signing key");
    }

    /** Q = r^-1 (sR - eG), where R is the curve point with x = r and the parity of the recovery id. */
    private static ECPoint recover(byte[] digest, BigInteger r, BigInteger s, int recoveryId) {
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (recoveryId == 0 ? 0x02 : 0x03);
        copy32(r, compressed, 1);
        ECPoint point;
        try {
            point = CURVE.getCurve().decodePoint(compressed);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
        BigInteger n = CURVE.getN();
        BigInteger rInverse = r.modInverse(n);
        BigInteger e = new BigInteger(1, digest);
        return CURVE.getG().multiply(n.subtract(e).multiply(rInverse).mod(n))
                .add(point.multiply(s.multiply(rInverse).mod(n))).normalize();
    }

    private static void copy32(BigInteger value, byte[] target, int offset) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, 32);
        System.arraycopy(bytes, bytes.length - length, target, offset + 32 - length, length);
    }

    private static byte[] keccak(byte[] input) {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
