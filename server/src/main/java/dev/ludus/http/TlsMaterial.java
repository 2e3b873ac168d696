package dev.ludus.http;

import dev.ludus.config.ConfigException;
import dev.ludus.config.TlsSettings;
import io.helidon.common.tls.Tls;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * The certificate chain and private key that HTTPS serves, read from the PEM files of
 * {@link TlsSettings}: the chain's first certificate must belong to the key (checked by signing with
 * the key and verifying with the certificate), RSA and EC keys in PKCS#1, SEC1 or PKCS#8 form,
 * unencrypted. Anything else is a {@link ConfigException} naming the variable of the file at fault,
 * and never quotes the key.
 *
 * @param chain the server's certificate first, then the intermediates, as in the file
 * @param key the private key of {@code chain.get(0)}
 * @param fingerprint SHA-256 of both files' bytes, to tell when they have changed
 */
public record TlsMaterial(List<X509Certificate> chain, PrivateKey key, byte[] fingerprint) {

    /** TLS versions served: 1.3 and 1.2; older ones are broken or deprecated (RFC 8996). */
    public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

    public TlsMaterial {
        chain = List.copyOf(chain);
    }

    /** Reads and checks both files. */
    public static TlsMaterial read(TlsSettings settings) {
        Path certificateFile = settings.certificate().orElseThrow();
        Path keyFile = settings.key().orElseThrow();
        byte[] certificateBytes = bytes(TlsSettings.CERT, certificateFile);
        byte[] keyBytes = bytes(TlsSettings.KEY, keyFile);
        List<X509Certificate> chain = certificates(certificateFile, certificateBytes);
        PrivateKey key = privateKey(keyFile, keyBytes);
        requireMatch(chain.get(0), key, certificateFile, keyFile);
        return new TlsMaterial(chain, key, fingerprint(certificateBytes, keyBytes));
    }

    /** SHA-256 over the files as they are now, to compare with {@link #fingerprint()}; null when one cannot be read. */
    static byte[] fingerprintOf(TlsSettings settings) {
        try {
            return fingerprint(Files.readAllBytes(settings.certificate().orElseThrow()),
                    Files.readAllBytes(settings.key().orElseThrow()));
        } catch (IOException e) {
            return null;
        }
    }

    /** The web server's TLS set-up: this chain and key, TLS 1.2 and 1.3 only. */
    public Tls tls() {
        return Tls.builder()
                .privateKey(key)
                .privateKeyCertChain(chain)
                .enabledProtocols(PROTOCOLS)
                .build();
    }

    /** What the log may say about the certificate: its subject and when it expires (nothing secret). */
    public String describe() {
        X509Certificate leaf = chain.get(0);
        return "'" + leaf.getSubjectX500Principal().getName() + "', valid until " + leaf.getNotAfter().toInstant()
                + (chain.size() > 1 ? ", with " + (chain.size() - 1) + " more certificate(s) in the chain" : "");
    }

    private static byte[] bytes(String variable, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(variable, "names " + file + ", which is not a file");
        }
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(variable, "names " + file + ", which cannot be read (" + e.getClass().getSimpleName()
                    + "); check its permissions");
        }
    }

    private static List<X509Certificate> certificates(Path file, byte[] bytes) {
        List<X509Certificate> chain = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                if (!(item instanceof X509CertificateHolder holder)) {
                    throw new ConfigException(TlsSettings.CERT, "names " + file + ", which holds something other than"
                            + " certificates (a key?); it must hold PEM certificates, the server's first");
                }
                chain.add(converter.getCertificate(holder));
            }
        } catch (IOException | CertificateException e) {
            throw new ConfigException(TlsSettings.CERT, "names " + file + ", which is not a PEM certificate chain ("
                    + e.getMessage() + ")");
        }
        if (chain.isEmpty()) {
            throw new ConfigException(TlsSettings.CERT, "names " + file + ", which holds no PEM certificate"
                    + " (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    private static PrivateKey privateKey(Path file, byte[] bytes) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        PrivateKey key = null;
        try (PEMParser parser = new PEMParser(new StringReader(new String(bytes, StandardCharsets.US_ASCII)))) {
            for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
                PrivateKey found = switch (item) {
                    // SEC1 keys may leave out the public key: only the private part is needed
                    case PEMKeyPair pair -> converter.getPrivateKey(pair.getPrivateKeyInfo());
                    case PrivateKeyInfo info -> converter.getPrivateKey(info);
                    // the "EC PARAMETERS" block that openssl ecparam writes before the key
                    case org.bouncycastle.asn1.ASN1ObjectIdentifier curve -> null;
                    default -> throw new ConfigException(TlsSettings.KEY, "names " + file + ", which holds "
                            + (item.getClass().getSimpleName().contains("Encrypted") ? "an encrypted key; decrypt it"
                                    + " (openssl pkey -in key.pem -out plain.pem) and protect the file instead"
                                    : "something other than a private key") );
                };
                if (found != null) {
                    if (key != null) {
                        throw new ConfigException(TlsSettings.KEY, "names " + file + ", which holds more than one"
                                + " private key");
                    }
                    key = found;
                }
            }
        } catch (PEMException e) {
            throw new ConfigException(TlsSettings.KEY, "names " + file + ", whose key cannot be used (" + e.getMessage()
                    + ")");
        } catch (IOException e) {
            throw new ConfigException(TlsSettings.KEY, "names " + file + ", which is not a PEM private key");
        }
        if (key == null) {
            throw new ConfigException(TlsSettings.KEY, "names " + file + ", which holds no PEM private key"
                    + " (-----BEGIN PRIVATE KEY-----, RSA PRIVATE KEY or EC PRIVATE KEY)");
        }
        if (!key.getAlgorithm().equals("RSA") && !key.getAlgorithm().equals("EC")) {
            throw new ConfigException(TlsSettings.KEY, "names " + file + ", whose " + key.getAlgorithm()
                    + " key is not supported; use an RSA or EC key");
        }
        return key;
    }

    private static void requireMatch(X509Certificate certificate, PrivateKey key, Path certificateFile, Path keyFile) {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        boolean matches;
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            matches = verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            matches = false;
        }
        if (!matches) {
            throw new ConfigException(TlsSettings.KEY, "names " + keyFile + ", which is not the private key of the"
                    + " first certificate in " + certificateFile + " (LUDUS_TLS_CERT must start with the server's own"
                    + " certificate)");
        }
    }

    private static byte[] fingerprint(byte[] certificate, byte[] key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(certificate);
            digest.update(key);
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
