package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.store.Database;
import dev.ludus.testing.TestStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The claim's search of the outbox, on the store itself: oldest first, one delivery per user and
 * endpoint at a time, and a failing endpoint's long queue (more than the windows a claim reads) never
 * hides another endpoint's due deliveries.
 */
class DeliveryClaimTest {

    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(3600);

    private TestStore store;
    private Database database;
    private Jdbi jdbi;
    private DeliveryStore deliveries;

    @BeforeEach
    void open() {
        store = TestStore.create();
        database = store.open();
        jdbi = database.jdbi();
        deliveries = new DeliveryStore(database.vendor() == Database.Vendor.POSTGRESQL);
        jdbi.useHandle(handle -> {
            handle.execute("INSERT INTO tenants (id, name, created_at) VALUES ('ten_1', 'tenant', 0)");
            handle.execute("""
                    INSERT INTO applications (id, tenant_id, name, default_scopes, max_token_lifetime_seconds,
                        ecdsa_enabled, client_id, client_secret_hash, created_at, updated_at)
                    VALUES ('app_1', 'ten_1', 'app', 'users:read', 3600, 0, 'cli_1', 'hash', 0, 0)""");
            for (String endpoint : List.of("whe_failing", "whe_healthy", "whe_off")) {
                handle.execute("""
                        INSERT INTO webhook_endpoints (id, application_id, url, event_types, enabled, created_at,
                            updated_at) VALUES (?, 'app_1', 'https://example.com/hook', '[]', ?, 0, 0)""",
                        endpoint, endpoint.equals("whe_off") ? 0 : 1);
            }
        });
    }

    @AfterEach
    void close() {
        database.close();
        store.drop();
    }

    @Test
    void aUsersLaterDeliveryWaitsForTheEarlierOneAndOtherUsersGoFirstInOrder() {
        long first = queue("whe_healthy", "ada");
        long second = queue("whe_healthy", "ada");
        long other = queue("whe_healthy", "bob");
        queue("whe_off", "cyd");

        DeliveryStore.Claims claims = claim(10);

        assertThat(claims.claimed()).extracting(DeliveryStore.Claimed::seq).containsExactly(first, other);
        assertThat(claim(10).claimed()).as("claimed rows are not claimed again").isEmpty();
        jdbi.useHandle(handle -> deliveries.recordAttempt(handle, claims.claimed().getFirst(), 1,
                DeliveryStore.SUCCEEDED, 200, 1, "", NOW, Optional.empty()));
        assertThat(claim(10).claimed()).extracting(DeliveryStore.Claimed::seq).containsExactly(second);
    }

    @Test
    void aFailingEndpointsLongQueueDoesNotHideAnotherEndpointsDueDeliveries() {
        int users = DeliveryStore.WINDOW * DeliveryStore.MOST_WINDOWS + 500;
        jdbi.useTransaction(handle -> {
            for (int user = 0; user < users; user++) {
                // each user's first delivery is waiting for its retry, the second queues behind it
                long retrying = queue(handle, "whe_failing", "user-" + user);
                handle.execute("UPDATE webhook_deliveries SET next_attempt_at = ? WHERE seq = ?",
                        LATER.toEpochMilli(), retrying);
                queue(handle, "whe_failing", "user-" + user);
            }
        });
        long healthy = queue("whe_healthy", "ada");

        DeliveryStore.Claims claims = claim(10);

        assertThat(claims.claimed()).extracting(DeliveryStore.Claimed::seq).containsExactly(healthy);
    }

    @Test
    void anEndpointGetsNoMoreThanItsRoomAndTheClaimSaysItHeldSomeBack() {
        long a = queue("whe_healthy", "ada");
        queue("whe_healthy", "bob");
        long c = queue("whe_failing", "cyd");

        DeliveryStore.Claims claims = jdbi.inTransaction(handle -> deliveries.claim(handle, "node_1", NOW,
                NOW.plusSeconds(60), 10, Set.of(), Set.of(), endpoint -> 1, endpoint -> true));

        assertThat(claims.claimed()).extracting(DeliveryStore.Claimed::seq).containsExactly(a, c);
        assertThat(claims.heldBack()).isTrue();
        assertThat(claims.oldestLeft()).as("bob's delivery, due since NOW, left for want of room")
                .isEqualTo(NOW.toEpochMilli());
        assertThat(claims.claimed()).extracting(DeliveryStore.Claimed::dueAt).containsOnly(NOW.toEpochMilli());
    }

    @Test
    void whatAClaimLeavesCountsAsLagOnlyForPromptEndpoints() {
        queue("whe_healthy", "ada");
        queue("whe_healthy", "bob");
        queue("whe_healthy", "cyd");

        DeliveryStore.Claims slow = jdbi.inTransaction(handle -> deliveries.claim(handle, "node_1", NOW,
                NOW.plusSeconds(60), 1, Set.of(), Set.of(), endpoint -> Integer.MAX_VALUE, endpoint -> false));
        DeliveryStore.Claims prompt = jdbi.inTransaction(handle -> deliveries.claim(handle, "node_1", NOW,
                NOW.plusSeconds(60), 1, Set.of(), Set.of(), endpoint -> Integer.MAX_VALUE, endpoint -> true));
        DeliveryStore.Claims all = jdbi.inTransaction(handle -> deliveries.claim(handle, "node_1", NOW,
                NOW.plusSeconds(60), 10, Set.of(), Set.of(), endpoint -> Integer.MAX_VALUE, endpoint -> true));

        assertThat(slow.claimed()).hasSize(1);
        assertThat(slow.oldestLeft()).isEqualTo(DeliveryStore.NONE_LEFT);
        assertThat(prompt.claimed()).hasSize(1);
        assertThat(prompt.oldestLeft()).isEqualTo(NOW.toEpochMilli());
        assertThat(all.claimed()).as("the last one").hasSize(1);
        assertThat(all.oldestLeft()).as("nothing left").isEqualTo(DeliveryStore.NONE_LEFT);
    }

    @Test
    void releasedDeliveriesAreClaimedAgainAtOnce() {
        long first = queue("whe_healthy", "ada");
        long other = queue("whe_healthy", "bob");
        assertThat(claim(10).claimed()).hasSize(2);

        jdbi.useTransaction(handle -> deliveries.release(handle, List.of(first, other)));

        assertThat(claim(10).claimed()).extracting(DeliveryStore.Claimed::seq).containsExactly(first, other);
    }

    @Test
    void anEndpointsLiveSecretsSayWhenTheFirstOfThemStopsSigning() {
        EndpointStore endpoints = new EndpointStore();
        jdbi.useTransaction(handle -> {
            endpoints.addSecret(handle, "whs_old", "whe_healthy", "old", NOW.minusSeconds(3600));
            endpoints.retireSecrets(handle, "whe_healthy", LATER, NOW);
            endpoints.addSecret(handle, "whs_new", "whe_healthy", "new", NOW);
        });

        EndpointStore.LiveSecrets during = jdbi.withHandle(handle -> endpoints.live(handle, "whe_healthy", NOW));
        EndpointStore.LiveSecrets after = jdbi.withHandle(handle -> endpoints.live(handle, "whe_healthy", LATER));

        assertThat(during.secrets()).containsExactly("new", "old");
        assertThat(during.firstExpiry()).contains(LATER);
        assertThat(after.secrets()).containsExactly("new");
        assertThat(after.firstExpiry()).as("the current secret does not expire").isEmpty();
    }

    private DeliveryStore.Claims claim(int limit) {
        return jdbi.inTransaction(handle -> deliveries.claim(handle, "node_1", NOW, NOW.plusSeconds(60), limit,
                Set.of(), Set.of(), endpoint -> Integer.MAX_VALUE, endpoint -> true));
    }

    private long queue(String endpoint, String user) {
        return jdbi.inTransaction(handle -> queue(handle, endpoint, user));
    }

    private long queue(Handle handle, String endpoint, String user) {
        long message = deliveries.insertMessage(handle, "msg_" + System.nanoTime(), "app_1", user,
                EventType.POINTS_CHANGED, "{}", NOW);
        return deliveries.insertDelivery(handle, message, endpoint, user, NOW, Optional.empty(), NOW);
    }
}
