package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.store.Database;
import dev.ludus.testing.TestStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency keys on a real store of this run's kind: replay, conflict, expiry, scope. */
class IdempotencyTest {

    private static final Duration RETENTION = Duration.ofDays(7);
    private static final Instant T0 = Instant.parse("2037-12-20T10:00:00Z");
    private static final String APP = "app_idem";
    private static final String OTHER_APP = "app_other";

    private final Json json = new Json();
    private final Idempotency idempotency = new Idempotency(json, RETENTION);
    private TestStore store;
    private Database database;

    @BeforeEach
    void openStore() {
        store = TestStore.create();
        database = store.open();
        database.jdbi().useHandle(handle -> {
            handle.execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_idem', 'T', 0)");
            for (String app : new String[] {APP, OTHER_APP}) {
                handle.execute("""
                        INSERT INTO applications (id, tenant_id, name, default_scopes, max_token_lifetime_seconds,
                            ecdsa_enabled, client_id, client_secret_hash, created_at, updated_at)
                        VALUES (?, 'ten_idem', 'A', 'read', 3600, 1, ?, 'hash', 0, 0)""", app, "cid_" + app);
            }
        });
    }

    @AfterEach
    void dropStore() {
        database.close();
        store.drop();
    }

    private void store(String applicationId, String key, String hash, int status, String body, Instant now) {
        database.jdbi().useTransaction(handle -> idempotency.store(handle, applicationId, key, "ada", hash,
                Reply.written(status, body.getBytes(StandardCharsets.UTF_8)), now));
    }

    private Optional<Reply> replay(String applicationId, String key, String hash, Instant now) {
        return database.jdbi().withHandle(handle -> idempotency.replay(handle, applicationId, key, hash, now));
    }

    private JsonNode body(Reply reply) {
        return json.readTrusted(new String(reply.body(), StandardCharsets.UTF_8));
    }

    @Test
    void theSameRequestGetsTheStoredAnswerMarkedAsReplayed() {
        String hash = idempotency.hash("event", Map.of("user_id", "ada", "metric", "steps", "value", 3));
        store(APP, "k1", hash, 201, "{\"event_id\":\"evt_1\",\"points\":[{\"system\":\"xp\",\"amount\":3}]}", T0);

        Reply replayed = replay(APP, "k1", hash, T0.plusSeconds(60)).orElseThrow();

        assertThat(replayed.status()).isEqualTo(201);
        assertThat(body(replayed)).isEqualTo(json.readTrusted("""
                {"event_id":"evt_1","points":[{"system":"xp","amount":3}],"idempotent_replayed":true}"""));
    }

    @Test
    void anUnknownKeyHasNothingToReplay() {
        assertThat(replay(APP, "never-used", "hash", T0)).isEmpty();
    }

    @Test
    void anotherRequestUnderTheSameKeyIsAConflictNamingTheKey() {
        store(APP, "k1", idempotency.hash("event", Map.of("user_id", "ada", "value", 3)), 201, "{}", T0);
        String other = idempotency.hash("event", Map.of("user_id", "ada", "value", 4));

        assertThatThrownBy(() -> replay(APP, "k1", other, T0.plusSeconds(1)))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("idempotency_conflict");
                    assertThat(e.members()).containsEntry("field", "idempotency_key");
                });
    }

    @Test
    void theHashIgnoresMemberOrderButTellsValuesAndOperationsApart() {
        Map<String, Object> request = Map.of("user_id", "ada", "system", "xp", "amount", 5);
        String hash = idempotency.hash("adjust", request);

        assertThat(idempotency.hash("adjust", new java.util.LinkedHashMap<>(Map.of("amount", 5, "system", "xp",
                "user_id", "ada")))).isEqualTo(hash);
        assertThat(idempotency.hash("adjust", Map.of("user_id", "ada", "system", "xp", "amount", 6)))
                .isNotEqualTo(hash);
        assertThat(idempotency.hash("complete", request)).isNotEqualTo(hash);
    }

    @Test
    void aKeyReplaysUntilTheEndOfTheRetentionAndIsFreeAfterIt() {
        String first = idempotency.hash("event", Map.of("value", 1));
        store(APP, "k1", first, 201, "{\"n\":1}", T0);

        assertThat(replay(APP, "k1", first, T0.plus(RETENTION))).as("at the end of the retention").isPresent();
        Instant after = T0.plus(RETENTION).plusMillis(1);
        String second = idempotency.hash("event", Map.of("value", 2));
        assertThat(replay(APP, "k1", second, after)).as("expired: neither replayed nor a conflict").isEmpty();

        store(APP, "k1", second, 201, "{\"n\":2}", after);
        assertThat(body(replay(APP, "k1", second, after).orElseThrow()).path("n").asInt()).isEqualTo(2);
        assertThat(store.count("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = 'k1'")).isEqualTo(1);
    }

    @Test
    void keysBelongToTheirApplication() {
        String hash = idempotency.hash("event", Map.of("value", 1));
        store(APP, "shared", hash, 201, "{}", T0);

        assertThat(replay(OTHER_APP, "shared", idempotency.hash("event", Map.of("value", 2)), T0)).isEmpty();
        store(OTHER_APP, "shared", hash, 200, "{}", T0);
        assertThat(replay(OTHER_APP, "shared", hash, T0).orElseThrow().status()).isEqualTo(200);
        assertThat(replay(APP, "shared", hash, T0).orElseThrow().status()).isEqualTo(201);
    }

    @Test
    void expiredRecordsOfOtherKeysArePurgedAsKeysAreStored() {
        store(APP, "old", "hash", 201, "{}", T0);
        Instant later = T0.plus(RETENTION).plusSeconds(1);
        database.jdbi().useTransaction((Handle handle) -> {
            for (int i = 0; i < Idempotency.PURGE_EVERY; i++) {
                idempotency.store(handle, APP, "new-" + i, "ada", "hash", Reply.written(201, new byte[] {'{', '}'}),
                        later);
            }
        });

        assertThat(store.count("SELECT COUNT(*) FROM idempotency_keys WHERE idem_key = 'old'")).isZero();
        assertThat(store.count("SELECT COUNT(*) FROM idempotency_keys")).isEqualTo(Idempotency.PURGE_EVERY);
    }
}
