package dev.ludus.http;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates made in the test: a root, an intermediate it signs, and server certificates for
 * {@code localhost} and {@code 127.0.0.1} that the intermediate signs, written as PEM the way
 * operators have them. A client that trusts only the root accepts a server only if it sends the
 * intermediate too: the chain is served.
 */
final class Certificates {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());

    /** A key and its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {
    }

    /** How the private key is written. */
    enum KeyForm {
        /** {@code BEGIN RSA PRIVATE KEY} or {@code BEGIN EC PRIVATE KEY}: what openssl's older tools write. */
        TRADITIONAL,
        /** {@code BEGIN PRIVATE KEY}. */
        PKCS8
    }

    final Issued root;
    final Issued intermediate;

    Certificates() {
        KeyPair rootKeys = keys("EC");
        root = new Issued(rootKeys, sign(rootKeys.getPublic(), "CN=Ludus Test Root", "CN=Ludus Test Root", rootKeys, true));
        KeyPair intermediateKeys = keys("EC");
        intermediate = new Issued(intermediateKeys, sign(intermediateKeys.getPublic(), "CN=Ludus Test Intermediate",
                "CN=Ludus Test Root", rootKeys, true));
    }

    /** A server certificate for localhost with a new key of {@code algorithm} ("RSA" or "EC"). */
    Issued server(String algorithm, String commonName) {
        KeyPair keys = keys(algorithm);
        return new Issued(keys, sign(keys.getPublic(), "CN=" + commonName, "CN=Ludus Test Intermediate",
                intermediate.keys(), false));
    }

    /** Writes the server's certificate and the intermediate to {@code certificateFile}, its key to {@code keyFile}. */
    void write(Issued server, KeyForm form, Path certificateFile, Path keyFile) {
        try {
            Files.writeString(certificateFile, pem(server.certificate()) + pem(intermediate.certificate()));
            Files.writeString(keyFile, form == KeyForm.PKCS8
                    ? pem(new JcaPKCS8Generator(server.keys().getPrivate(), null).generate())
                    : traditional(server.keys()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client context that trusts the root only. */
    SSLContext trustingRoot() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("root", root.certificate());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code RSA PRIVATE KEY} (PKCS#1), or {@code EC PRIVATE KEY} (SEC1) with the curve and the public key
     * in it, as {@code openssl ecparam -genkey} writes it.
     */
    static String traditional(KeyPair keys) {
        if (keys.getPrivate().getAlgorithm().equals("RSA")) {
            return pem(keys.getPrivate());
        }
        try {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(keys.getPrivate().getEncoded());
            org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(
                    info.parsePrivateKey());
            byte[] point = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()).getPublicKeyData().getBytes();
            org.bouncycastle.asn1.sec.ECPrivateKey full = new org.bouncycastle.asn1.sec.ECPrivateKey(256,
                    inner.getKey(), new DERBitString(point), info.getPrivateKeyAlgorithm().getParameters());
            return pem(new PemObject("EC PRIVATE KEY", full.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pem(Object item) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(item);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    static KeyPair keys(String algorithm) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(java.security.PublicKey subjectKey, String subject, String issuer,
            KeyPair issuerKeys, boolean authority) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKey);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(authority));
            if (authority) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            } else {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.dNSName, "localhost"),
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
            }
            String algorithm = issuerKeys.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
        } catch (IOException | GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }
}
