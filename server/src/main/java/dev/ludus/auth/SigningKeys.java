package dev.ludus.auth;

import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditLog;
import dev.ludus.secrets.Secrets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ludus's signing keys, kept in the store: created on first start, rotated on request, the previous
 * public key published until the last token it signed has expired. Every node signs with the same
 * key: the oldest one not retired. Reloaded when the auth feed says the keys changed.
 *
 * <p>Thread-safe: the key list is an immutable snapshot behind a volatile reference.
 */
public final class SigningKeys implements Consumer<AuthEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(SigningKeys.class);

    private final Jdbi jdbi;
    private final AuthEventLog feed;
    private final Secrets secrets;
    private final Clock clock;
    private final AuditLog audit = new AuditLog();
    /** How long a retired key stays published: the longest server token plus leeway. */
    private final Duration publishAfterRetirement;
    private volatile List<SigningKey> keys = List.of();

    public SigningKeys(Jdbi jdbi, AuthEventLog feed, Secrets secrets, Clock clock, Duration tokenLifetime) {
        this.jdbi = jdbi;
        this.feed = feed;
        this.secrets = secrets;
        this.clock = clock;
        this.publishAfterRetirement = tokenLifetime.plusSeconds(ApplicationLimits.CLOCK_LEEWAY_SECONDS);
    }

    /** Loads the keys, creating the first one when the store has none. */
    public void start() {
        jdbi.useHandle(handle -> handle.createUpdate("DELETE FROM signing_keys WHERE publish_until < :now")
                .bind("now", clock.millis()).execute());
        reload();
        if (keys.stream().noneMatch(key -> key.retiredAt().isEmpty())) {
            insertNewKey();
            reload();
            LOG.info("created the signing key {}", current().kid());
        }
    }

    /** The key that signs new tokens. */
    public SigningKey current() {
        return keys.stream().filter(key -> key.retiredAt().isEmpty())
                .min(Comparator.comparing(SigningKey::createdAt).thenComparing(SigningKey::kid))
                .orElseThrow(() -> new IllegalStateException("no signing key; start() was not called"));
    }

    /** A published key by id, for verification and for re-signing a client's current token. */
    public Optional<SigningKey> published(String kid) {
        Instant now = clock.instant();
        return keys.stream().filter(key -> key.kid().equals(kid) && key.publishedAt(now)).findFirst();
    }

    /** The keys as loaded; a new list (by identity) after every reload. */
    public List<SigningKey> snapshot() {
        return keys;
    }

    /** The JWK set of every published key. */
    public Map<String, Object> jwks() {
        Instant now = clock.instant();
        return Map.of("keys", keys.stream().filter(key -> key.publishedAt(now)).map(SigningKey::jwk).toList());
    }

    /** How long a retired key stays published unless the rotation says otherwise. */
    public Duration defaultGrace() {
        return publishAfterRetirement;
    }

    /**
     * Makes a new key the signing key, in one transaction. The keys it replaces stay published (and
     * their tokens valid) for {@code grace}: by default one token lifetime, zero to withdraw a leaked
     * key at once (its tokens are refused; clients get new ones at their next request). Recorded in the
     * audit log as {@code signing_key.rotated}, by {@code actor}, in the same transaction.
     */
    public SigningKey rotate(Actor actor, Duration grace) {
        Instant now = clock.instant();
        KeyPair pair = newKeyPair();
        jdbi.useTransaction(handle -> {
            handle.createUpdate("UPDATE signing_keys SET retired_at = :now, publish_until = :until WHERE retired_at IS NULL")
                    .bind("now", now.toEpochMilli())
                    .bind("until", now.plus(grace).toEpochMilli())
                    .execute();
            if (grace.isZero()) {
                handle.createUpdate("UPDATE signing_keys SET publish_until = :now WHERE publish_until > :now")
                        .bind("now", now.toEpochMilli())
                        .execute();
            }
            String kid = insert(handle, pair);
            audit.record(handle, now, actor, AuditLog.Change.ofServer("signing_key.rotated", "signing_key", kid,
                    grace.isZero() ? "rotated the signing key; the previous keys were withdrawn at once"
                            : "rotated the signing key; the previous keys stay published until " + now.plus(grace)));
        });
        feed.poll();
        reload();
        LOG.info("rotated signing keys; {} signs from now on", current().kid());
        return current();
    }

    @Override
    public void accept(AuthEvent event) {
        if (event instanceof AuthEvent.SigningKeysChanged) {
            reload();
        }
    }

    private void insertNewKey() {
        KeyPair pair = newKeyPair();
        jdbi.useTransaction(handle -> insert(handle, pair));
    }

    private static KeyPair newKeyPair() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** Inserts a new signing key; returns its kid. */
    private String insert(org.jdbi.v3.core.Handle handle, KeyPair pair) {
        String kid = secrets.id(SigningKey.KID_PREFIX);
        handle.createUpdate("""
                INSERT INTO signing_keys (kid, algorithm, private_key, public_key, created_at)
                VALUES (:kid, 'EdDSA', :private_key, :public_key, :created_at)""")
                .bind("kid", kid)
                .bind("private_key", Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()))
                .bind("public_key", Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()))
                .bind("created_at", clock.millis())
                .execute();
        feed.append(handle, new AuthEvent.SigningKeysChanged());
        return kid;
    }

    private void reload() {
        long now = clock.millis();
        keys = jdbi.withHandle(handle -> handle.createQuery("""
                SELECT kid, private_key, public_key, created_at, retired_at, publish_until FROM signing_keys
                WHERE retired_at IS NULL OR publish_until > :now ORDER BY created_at, kid""")
                .bind("now", now)
                .map((rs, ctx) -> {
                    long retired = rs.getLong("retired_at");
                    Optional<Instant> retiredAt = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(retired));
                    long until = rs.getLong("publish_until");
                    Optional<Instant> publishUntil = rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(until));
                    return SigningKey.decode(rs.getString("kid"), rs.getString("private_key"), rs.getString("public_key"),
                            Instant.ofEpochMilli(rs.getLong("created_at")), retiredAt, publishUntil);
                })
                .list());
    }
}
