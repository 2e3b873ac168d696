package dev.ludus.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.BaseJWSProvider;
import com.nimbusds.jose.util.Base64URL;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One of Ludus's own Ed25519 keys for server-issued tokens, with JWS signing and verification done
 * by the JDK's Ed25519 (nimbus-jose-jwt's own Ed25519 classes need Google Tink; see ADR 0005).
 * Ed25519 signatures are deterministic: the same header and claims always sign to the same token.
 * Immutable and thread-safe ({@link Signature} objects are made per call).
 *
 * @param kid the key id, {@code lk_...}, in every token's header
 * @param privateKey empty once the key is only published, never for signing
 * @param retiredAt when a newer key took over signing; empty for the signing key
 * @param publishUntil until when a retired key is still published and accepted
 */
public record SigningKey(String kid, PublicKey publicKey, Optional<PrivateKey> privateKey, Instant createdAt,
        Optional<Instant> retiredAt, Optional<Instant> publishUntil) {

    /** The one algorithm of server tokens, pinned here. */
    public static final JWSAlgorithm ALGORITHM = JWSAlgorithm.EdDSA;
    /** Prefix of every Ludus key id; a token whose {@code kid} has it is a server token. */
    public static final String KID_PREFIX = "lk_";
    /** Length of the DER prefix before the 32 raw bytes of an X.509-encoded Ed25519 public key. */
    private static final int X509_PREFIX = 12;

    /** Restores a key from its stored PKCS#8 and X.509 encodings (base64). */
    public static SigningKey decode(String kid, String privateKey, String publicKey, Instant createdAt,
            Optional<Instant> retiredAt, Optional<Instant> publishUntil) {
        try {
            KeyFactory factory = KeyFactory.getInstance("Ed25519");
            PublicKey pub = factory.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKey)));
            PrivateKey priv = factory.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(privateKey)));
            return new SigningKey(kid, pub, Optional.of(priv), createdAt, retiredAt, publishUntil);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("signing key " + kid + " in the store cannot be decoded", e);
        }
    }

    /** True while the key is published at {@code now}. */
    public boolean publishedAt(Instant now) {
        return retiredAt.isEmpty() || publishUntil.map(now::isBefore).orElse(false);
    }

    /** The public key as a JWK ({@code OKP}, {@code Ed25519}). */
    public Map<String, Object> jwk() {
        byte[] encoded = publicKey.getEncoded();
        byte[] raw = Arrays.copyOfRange(encoded, X509_PREFIX, encoded.length);
        Map<String, Object> jwk = new LinkedHashMap<>();
        jwk.put("kty", "OKP");
        jwk.put("crv", "Ed25519");
        jwk.put("x", Base64.getUrlEncoder().withoutPadding().encodeToString(raw));
        jwk.put("kid", kid);
        jwk.put("use", "sig");
        jwk.put("alg", ALGORITHM.getName());
        return jwk;
    }

    /** A nimbus signer backed by this key's private half. */
    public JWSSigner signer() {
        PrivateKey key = privateKey.orElseThrow(() -> new IllegalStateException("key " + kid + " cannot sign"));
        return new Signer(key);
    }

    /** A nimbus verifier backed by this key's public half. */
    public JWSVerifier verifier() {
        return new Verifier(publicKey);
    }

    @Override
    public String toString() {
        return "SigningKey[" + kid + "]";
    }

    private static final class Signer extends BaseJWSProvider implements JWSSigner {
        private final PrivateKey key;

        Signer(PrivateKey key) {
            super(Set.of(ALGORITHM));
            this.key = key;
        }

        @Override
        public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
            if (!ALGORITHM.equals(header.getAlgorithm())) {
                throw new JOSEException("server tokens are signed with EdDSA only");
            }
            try {
                Signature signature = Signature.getInstance("Ed25519");
                signature.initSign(key);
                signature.update(signingInput);
                return Base64URL.encode(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new JOSEException("Ed25519 signing failed", e);
            }
        }
    }

    private static final class Verifier extends BaseJWSProvider implements JWSVerifier {
        private final PublicKey key;

        Verifier(PublicKey key) {
            super(Set.of(ALGORITHM));
            this.key = key;
        }

        @Override
        public boolean verify(JWSHeader header, byte[] signingInput, Base64URL signature) {
            if (!ALGORITHM.equals(header.getAlgorithm())) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(signingInput);
                return verifier.verify(signature.decode());
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                return false;
            }
        }
    }
}
