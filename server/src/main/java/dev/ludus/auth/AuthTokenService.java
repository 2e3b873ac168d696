package dev.ludus.auth;

import dev.ludus.secrets.Secrets;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Issues server tokens to clients (spec 003): 8 hours of life; asked again while the current token
 * has more than 30 minutes left, the very same token; otherwise a new one with a full 8 hours.
 *
 * <p>Only the claims of each client's current token are stored ({@code auth_tokens}), never the
 * token: Ed25519 is deterministic, so the same claims re-sign to the same token. Concurrent requests
 * for one client agree on one token: a per-client lock on this node (striped {@link ReentrantLock}s,
 * which do not pin virtual threads), and compare-and-set writes across nodes (the loser re-reads
 * the winner's row).
 */
public final class AuthTokenService {

    /** Lifetime of a server token: 8 hours. */
    public static final Duration LIFETIME = Duration.ofHours(8);
    /** While more than this is left, the same token is handed out again: 30 minutes. */
    public static final Duration REUSE_THRESHOLD = Duration.ofMinutes(30);

    private static final int LOCK_STRIPES = 64;

    private final Jdbi jdbi;
    private final SigningKeys keys;
    private final RevocationCache revocations;
    private final Secrets secrets;
    private final Supplier<String> issuer;
    private final Clock clock;
    private final ReentrantLock[] locks = new ReentrantLock[LOCK_STRIPES];

    public AuthTokenService(Jdbi jdbi, SigningKeys keys, RevocationCache revocations, Secrets secrets,
            Supplier<String> issuer, Clock clock) {
        this.jdbi = jdbi;
        this.keys = keys;
        this.revocations = revocations;
        this.secrets = secrets;
        this.issuer = issuer;
        this.clock = clock;
        Arrays.setAll(locks, i -> new ReentrantLock());
    }

    /** A token as handed out: the compact JWS and its claims. */
    public record IssuedToken(String token, String jti, List<String> scopes, long issuedAt, long expiresAt) { }

    /** The client's current token, or a new one when it has 30 minutes or less left (or none). */
    public IssuedToken current(Client client) {
        ReentrantLock lock = locks[Math.floorMod(client.clientId().hashCode(), LOCK_STRIPES)];
        lock.lock();
        try {
            for (int attempt = 0; attempt < 5; attempt++) {
                Optional<Row> row = load(client.clientId());
                if (row.isPresent() && reusable(row.get(), client)) {
                    return sign(row.get(), client);
                }
                Row fresh = newRow(client, client.scopes());
                boolean won = row.isEmpty()
                        ? insert(client.applicationId(), client.clientId(), fresh)
                        : replace(client.clientId(), row.get(), fresh);
                if (won) {
                    return sign(fresh, client);
                }
            }
            throw new IllegalStateException("could not settle the current token of client " + client.clientId());
        } finally {
            lock.unlock();
        }
    }

    /** A new token with a narrower set of scopes; not remembered as the client's current token. */
    public IssuedToken narrowed(Client client, List<String> scopes) {
        return sign(newRow(client, scopes), client);
    }

    private boolean reusable(Row row, Client client) {
        long now = clock.instant().getEpochSecond();
        return row.expiresAt - now > REUSE_THRESHOLD.toSeconds()
                && row.scopes.equals(client.scopes())
                && keys.published(row.kid).flatMap(SigningKey::privateKey).isPresent()
                && !revocations.isRevoked(client.applicationId(), row.jti, client.clientId(), row.issuedAt);
    }

    private Row newRow(Client client, List<String> scopes) {
        long now = clock.instant().getEpochSecond();
        long issuedAt = Math.max(now, revocations.notBefore(client.applicationId(), client.clientId()));
        return new Row(secrets.id("at_"), keys.current().kid(), scopes, issuedAt, issuedAt + LIFETIME.toSeconds());
    }

    private IssuedToken sign(Row row, Client client) {
        SigningKey key = keys.published(row.kid).orElseThrow();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", issuer.get());
        claims.put("sub", client.clientId());
        claims.put("aud", client.applicationId());
        claims.put("iat", row.issuedAt);
        claims.put("exp", row.expiresAt);
        claims.put("jti", row.jti);
        claims.put("scope", row.scopes);
        JWSObject jws = new JWSObject(new JWSHeader.Builder(SigningKey.ALGORITHM).type(JOSEObjectType.JWT)
                .keyID(row.kid).build(), new Payload(claims));
        try {
            jws.sign(key.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a server token with " + row.kid, e);
        }
        return new IssuedToken(jws.serialize(), row.jti, row.scopes, row.issuedAt, row.expiresAt);
    }

    private Optional<Row> load(String clientId) {
        return jdbi.withHandle(handle -> handle.createQuery(
                        "SELECT jti, kid, scopes, issued_at, expires_at FROM auth_tokens WHERE client_id = :client_id")
                .bind("client_id", clientId)
                .map((rs, ctx) -> new Row(rs.getString("jti"), rs.getString("kid"),
                        List.of(rs.getString("scopes").split(" ")), rs.getLong("issued_at"), rs.getLong("expires_at")))
                .findOne());
    }

    /** Inserts the client's first token unless another node did so first. */
    private boolean insert(String applicationId, String clientId, Row row) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                INSERT INTO auth_tokens (client_id, application_id, jti, kid, scopes, issued_at, expires_at)
                VALUES (:client_id, :application_id, :jti, :kid, :scopes, :issued_at, :expires_at)
                ON CONFLICT (client_id) DO NOTHING""")
                .bind("client_id", clientId)
                .bind("application_id", applicationId)
                .bind("jti", row.jti)
                .bind("kid", row.kid)
                .bind("scopes", String.join(" ", row.scopes))
                .bind("issued_at", row.issuedAt)
                .bind("expires_at", row.expiresAt)
                .execute()) == 1;
    }

    /** Replaces the client's token unless another node replaced it first (compare-and-set on jti). */
    private boolean replace(String clientId, Row current, Row fresh) {
        return jdbi.withHandle(handle -> handle.createUpdate("""
                UPDATE auth_tokens SET jti = :jti, kid = :kid, scopes = :scopes, issued_at = :issued_at,
                    expires_at = :expires_at
                WHERE client_id = :client_id AND jti = :current_jti""")
                .bind("client_id", clientId)
                .bind("current_jti", current.jti)
                .bind("jti", fresh.jti)
                .bind("kid", fresh.kid)
                .bind("scopes", String.join(" ", fresh.scopes))
                .bind("issued_at", fresh.issuedAt)
                .bind("expires_at", fresh.expiresAt)
                .execute()) == 1;
    }

    private record Row(String jti, String kid, List<String> scopes, long issuedAt, long expiresAt) { }
}
