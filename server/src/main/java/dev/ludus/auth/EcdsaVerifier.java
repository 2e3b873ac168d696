package dev.ludus.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Verifies legacy ECDSA-signed requests (spec 003's old scheme, hardened). The signed message binds
 * the request, not just its body:
 * {@code METHOD \n PATH_WITH_QUERY \n TIMESTAMP \n NONCE \n hex(SHA-256(body))}; its Keccak-256 is
 * signed with an Ethereum-style secp256k1 key, and the server recovers the address. Checks, first
 * failure wins:
 *
 * <ol>
 *   <li>{@code authsignature}, {@code X-Ludus-App}, {@code X-Ludus-Timestamp}, {@code X-Ludus-Nonce}
 *       present and well-formed -> {@code invalid_token} ({@code invalid_signature} for a malformed signature)
 *   <li>the application exists -> {@code invalid_token}
 *   <li>the timestamp is within 300 s of now -> {@code request_expired}
 *   <li>the signature recovers (low {@code s} only) to a registered key -> {@code invalid_signature}
 *   <li>ECDSA is enabled for the application -> {@code method_disabled} (after the signature, so that
 *       only the key's holder learns it)
 *   <li>the nonce was not seen for the application within the window -> {@code replayed_request}
 * </ol>
 *
 * A nonce is recorded only after the signature verified, so strangers cannot burn nonces.
 * Thread-safe: stateless apart from its collaborators.
 */
public final class EcdsaVerifier {

    /** How far a request's timestamp may be from now, either way. */
    public static final Duration WINDOW = Duration.ofSeconds(300);

    private static final Pattern NONCE = Pattern.compile("[A-Za-z0-9_-]{8,128}");
    private static final Pattern TIMESTAMP = Pattern.compile("[0-9]{1,12}");
    private static final Pattern SIGNATURE = Pattern.compile("[0-9a-fA-F]{130}");
    private static final Pattern APP_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final HexFormat HEX = HexFormat.of();

    private final CredentialSource credentials;
    private final NonceStore nonces;
    private final Usage usage;
    private final Clock clock;

    /**
     * Learns of each request that passed every check, by the key that signed it. Called on the
     * request's thread: it must be quick (no I/O) and must not throw.
     */
    @FunctionalInterface
    public interface Usage {
        /** @param address the key that signed: 40 lower-case hex digits, without {@code 0x} */
        void accepted(String applicationId, String address);
    }

    /** @param usage told of each accepted request and its key (the keys' last use) */
    public EcdsaVerifier(CredentialSource credentials, NonceStore nonces, Usage usage, Clock clock) {
        this.credentials = credentials;
        this.nonces = nonces;
        this.usage = usage;
        this.clock = clock;
    }

    /** The headers of a signed request. */
    public record SignedRequest(String method, String pathWithQuery, Optional<String> signature,
            Optional<String> application, Optional<String> timestamp, Optional<String> nonce, byte[] body) { }

    public Principal verify(SignedRequest request) {
        String signatureHex = required(request.signature(), "authsignature");
        String applicationId = required(request.application(), "X-Ludus-App");
        String timestampText = required(request.timestamp(), "X-Ludus-Timestamp");
        String nonce = required(request.nonce(), "X-Ludus-Nonce");
        if (!APP_ID.matcher(applicationId).matches()) {
            throw AuthException.invalidToken("X-Ludus-App is not an application id");
        }
        if (!TIMESTAMP.matcher(timestampText).matches()) {
            throw AuthException.invalidToken("X-Ludus-Timestamp must be whole epoch seconds");
        }
        if (!NONCE.matcher(nonce).matches()) {
            throw AuthException.invalidToken("X-Ludus-Nonce must be 8 to 128 characters of A-Z, a-z, 0-9, '_' and '-'");
        }
        if (!SIGNATURE.matcher(signatureHex).matches()) {
            throw AuthException.invalidSignature("authsignature must be r||s||v in hex: 130 characters, no 0x");
        }
        AppCredentials app = credentials.find(applicationId)
                .orElseThrow(() -> AuthException.invalidToken("no application matches X-Ludus-App"));
        long timestamp = Long.parseLong(timestampText);
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - timestamp) > WINDOW.toSeconds()) {
            throw AuthException.ecdsa("request_expired", "Request expired",
                    "X-Ludus-Timestamp is more than 300 seconds from the server's clock");
        }
        byte[] digest = Ethereum.keccak256(message(request.method(), request.pathWithQuery(), timestampText, nonce,
                request.body()));
        String address = Ethereum.recoverAddress(digest, HEX.parseHex(signatureHex))
                .filter(app.ecdsaKeys()::containsKey)
                .orElseThrow(() -> AuthException.invalidSignature(
                        "the signature does not recover to a registered ECDSA key of the application"));
        if (!app.ecdsaEnabled()) {
            throw AuthException.ecdsa("method_disabled", "Method disabled",
                    "ECDSA request signing is turned off for this application; use /v1/auth_token");
        }
        Instant expires = Instant.ofEpochSecond(timestamp).plus(WINDOW);
        if (!nonces.record(app.applicationId(), nonce, expires.plus(WINDOW))) {
            throw AuthException.ecdsa("replayed_request", "Replayed request",
                    "this X-Ludus-Nonce was already used; sign every request with a fresh nonce");
        }
        usage.accepted(app.applicationId(), address);
        Set<Scope> scopes = app.ecdsaKeys().get(address);
        return new Principal(AuthMethod.ECDSA, app.tenantId(), app.applicationId(), "0x" + address, scopes,
                Instant.ofEpochSecond(timestamp), expires, Optional.of(nonce));
    }

    /** The signed message: method, path with query, timestamp, nonce and the body's SHA-256, by newlines. */
    public static byte[] message(String method, String pathWithQuery, String timestamp, String nonce, byte[] body) {
        String text = method + "\n" + pathWithQuery + "\n" + timestamp + "\n" + nonce + "\n" + HEX.formatHex(sha256(body));
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String required(Optional<String> value, String header) {
        return value.filter(v -> !v.isBlank()).map(String::strip)
                .orElseThrow(() -> AuthException.invalidToken("a signed request needs the " + header + " header"));
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
