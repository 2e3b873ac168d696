package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Transport;
import java.util.stream.Stream;

/**
 * {@code /v1/streaks}: streak definitions. {@code put} and {@code archive} need scope {@code admin},
 * the reads scope {@code read}. Users' standings, histories and freeze grants are in {@link UsersApi}.
 */
public final class StreaksApi {

    private final RuleCalls<Streak> calls;

    StreaksApi(Transport transport, Authentication authentication) {
        this.calls = new RuleCalls<>(transport, authentication, "streaks", Streak.class);
    }

    /**
     * {@code PUT /v1/streaks/{key}}: defines, replaces or restores the streak. Every metric its
     * conditions name must be active (else 400 {@code unknown_rule}). Changing {@code period}, or the
     * {@code weekStart} of a weekly streak, is refused: 409 {@code streak_immutable} with
     * {@link LudusException#field()} naming the member.
     */
    public Streak put(String key, StreakDefinition definition) {
        return calls.put(key, definition);
    }

    /** {@code GET /v1/streaks/{key}}, archived ones too. */
    public Streak get(String key) {
        return calls.get(key);
    }

    /** The first page of active streaks in key order (50). */
    public Page<Streak> list() {
        return calls.list(50, null, false);
    }

    /** {@code GET /v1/streaks}: a page in key order; {@code cursor} null for the first, {@code limit} 1 to 100. */
    public Page<Streak> list(int limit, String cursor, boolean includeArchived) {
        return calls.list(limit, cursor, includeArchived);
    }

    /** Every streak in key order, fetching pages of 100 as the stream is consumed. */
    public Stream<Streak> listAll(boolean includeArchived) {
        return calls.listAll(includeArchived);
    }

    /**
     * {@code DELETE /v1/streaks/{key}}: archives the streak (events stop counting toward it; standings
     * and history stay; {@link #put} restores it). 409 {@code rule_in_use} while an active points
     * system or achievement triggers on it.
     */
    public void archive(String key) {
        calls.archive(key);
    }
}
