package dev.ludus.auth;

import com.nimbusds.jose.JWSObject;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells the two kinds of bearer token apart by the header, never by {@code alg} alone: a {@code kid}
 * with Ludus's prefix ({@code lk_}) makes a server token, which must then be EdDSA and signed by that
 * key; anything else is an application token, which must be HS256 and signed with an API secret. So
 * a server token cannot pass as an application token, nor the reverse.
 *
 * <p>Clients send the same token many times (spec 003 hands out one token for hours), so a verdict is
 * remembered by the exact token string and reused while nothing it rests on changed: the clock is
 * before the token's expiry (and its secret's or key's end), the application's credentials and the
 * signing keys are the very objects it was checked against (a rotation or settings change replaces
 * them), and the revocation state, checked on every use, does not refuse it. Failures are never
 * remembered. See ADR 0007.
 *
 * <p>Thread-safe: a concurrent map of immutable entries, cleared when it reaches {@link #MAX_REMEMBERED}.
 */
public final class BearerVerifier {

    /** Most verdicts remembered at once. */
    static final int MAX_REMEMBERED = 10_000;
    /** Longest token remembered (bounds the memory to about 20 MiB); longer ones are checked every time. */
    static final int MAX_REMEMBERED_LENGTH = 2048;

    private final ApplicationTokenVerifier applicationTokens;
    private final ServerTokenVerifier serverTokens;
    private final CredentialSource credentials;
    private final SigningKeys keys;
    private final RevocationCache revocations;
    private final Clock clock;
    private final Map<String, Verified> remembered = new ConcurrentHashMap<>();

    public BearerVerifier(ApplicationTokenVerifier applicationTokens, ServerTokenVerifier serverTokens,
            CredentialSource credentials, SigningKeys keys, RevocationCache revocations, Clock clock) {
        this.applicationTokens = applicationTokens;
        this.serverTokens = serverTokens;
        this.credentials = credentials;
        this.keys = keys;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** Verifies a bearer token of either kind and returns its principal. */
    public Principal verify(String token) {
        Verified known = remembered.get(token);
        if (known != null && stillHolds(known)) {
            return known.principal();
        }
        Verified verified = verifyFully(token);
        if (token.length() > MAX_REMEMBERED_LENGTH) {
            return verified.principal();
        }
        if (remembered.size() >= MAX_REMEMBERED) {
            remembered.clear();
        }
        remembered.put(token, verified);
        return verified.principal();
    }

    private Verified verifyFully(String token) {
        JWSObject jws = TokenChecks.parse(token);
        String kid = jws.getHeader().getKeyID();
        if (kid != null && kid.startsWith(SigningKey.KID_PREFIX)) {
            return serverTokens.verify(jws);
        }
        return applicationTokens.verify(jws);
    }

    private boolean stillHolds(Verified verified) {
        Principal principal = verified.principal();
        return clock.millis() < verified.reusableUntilMillis()
                && credentials.find(principal.applicationId()).orElse(null) == verified.app()
                && (verified.keys() == null || keys.snapshot() == verified.keys())
                && !revocations.isRevoked(principal.applicationId(), principal.tokenId().orElse(null),
                        principal.subject(), principal.issuedAt().getEpochSecond());
    }
}
