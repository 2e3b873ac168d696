package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Transport;
import java.util.stream.Stream;

/**
 * {@code /v1/points}: points systems (triggers, cap, levels). {@code put} and {@code archive} need
 * scope {@code admin}, the reads scope {@code read}. Users' balances are in {@link UsersApi}.
 */
public final class PointsSystemsApi {

    private final RuleCalls<PointsSystem> calls;

    PointsSystemsApi(Transport transport, Authentication authentication) {
        this.calls = new RuleCalls<>(transport, authentication, "points", PointsSystem.class);
    }

    /**
     * {@code PUT /v1/points/{key}}: defines, replaces or restores the system. Every metric and
     * achievement its triggers name must be active (else 400 {@code unknown_rule}). Points already
     * awarded are never recomputed.
     */
    public PointsSystem put(String key, PointsSystemDefinition definition) {
        return calls.put(key, definition);
    }

    /** {@code GET /v1/points/{key}}, archived ones too. */
    public PointsSystem get(String key) {
        return calls.get(key);
    }

    /** The first page of active points systems in key order (50). */
    public Page<PointsSystem> list() {
        return calls.list(50, null, false);
    }

    /** {@code GET /v1/points}: a page in key order; {@code cursor} null for the first, {@code limit} 1 to 100. */
    public Page<PointsSystem> list(int limit, String cursor, boolean includeArchived) {
        return calls.list(limit, cursor, includeArchived);
    }

    /** Every points system in key order, fetching pages of 100 as the stream is consumed. */
    public Stream<PointsSystem> listAll(boolean includeArchived) {
        return calls.listAll(includeArchived);
    }

    /**
     * {@code DELETE /v1/points/{key}}: archives the system (its triggers stop, adjustments answer 404;
     * balances stay). 409 {@code rule_in_use} while an active achievement rewards points in it.
     */
    public void archive(String key) {
        calls.archive(key);
    }
}
