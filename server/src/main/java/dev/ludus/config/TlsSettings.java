package dev.ludus.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * HTTPS on the server's own port: a certificate chain and its private key as PEM files. Both or
 * neither: with neither the server speaks plain HTTP (for a proxy that terminates TLS in front of it).
 * The files are read at start-up (a missing, unreadable or mismatched file stops it) and checked for
 * changes every {@code reloadCheck}, so that a renewed certificate needs no restart.
 *
 * @param certificate PEM file with the server's certificate first, then any intermediate certificates
 * @param key PEM file with the certificate's private key (RSA or EC; PKCS#1, SEC1 or PKCS#8, unencrypted)
 * @param reloadCheck how often the files are compared with the ones being served
 */
public record TlsSettings(Optional<Path> certificate, Optional<Path> key, Duration reloadCheck) {

    public static final String CERT = "LUDUS_TLS_CERT";
    public static final String KEY = "LUDUS_TLS_KEY";
    public static final String RELOAD_CHECK = "LUDUS_TLS_RELOAD_CHECK";

    public TlsSettings {
        if (certificate.isPresent() && key.isEmpty()) {
            throw new ConfigException(KEY, "must be set too when " + CERT + " is: the certificate's private key, a PEM file");
        }
        if (key.isPresent() && certificate.isEmpty()) {
            throw new ConfigException(CERT, "must be set too when " + KEY + " is: the certificate chain, a PEM file");
        }
        if (reloadCheck.compareTo(Duration.ofSeconds(1)) < 0 || reloadCheck.compareTo(Duration.ofHours(1)) > 0) {
            throw new ConfigException(RELOAD_CHECK, "must be a duration from PT1S to PT1H, was " + reloadCheck);
        }
    }

    /** Whether the server speaks HTTPS. */
    public boolean enabled() {
        return certificate.isPresent();
    }

    static TlsSettings from(Map<String, String> variables) {
        return new TlsSettings(
                LudusConfig.value(variables, CERT).map(Path::of),
                LudusConfig.value(variables, KEY).map(Path::of),
                LudusConfig.parseDuration(RELOAD_CHECK, LudusConfig.value(variables, RELOAD_CHECK).orElse("PT10S")));
    }
}
