package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Transport;
import java.util.stream.Stream;

/**
 * {@code /v1/achievements}: the achievement catalog, with completions and rarity. {@code put} and
 * {@code archive} need scope {@code admin}, the reads scope {@code read}. A hidden achievement is
 * seen only by {@code admin} tokens and by users who hold it. Completing one for a user is
 * {@link UsersApi#completeAchievement}.
 */
public final class AchievementsApi {

    private final RuleCalls<Achievement> calls;

    AchievementsApi(Transport transport, Authentication authentication) {
        this.calls = new RuleCalls<>(transport, authentication, "achievements", Achievement.class);
    }

    /**
     * {@code PUT /v1/achievements/{key}}: defines, replaces or restores the achievement, then grants it
     * to every user who already qualifies (the backfill); {@link Achievement#backfilledUsers()} says
     * how many. A 503 may come after the achievement was saved; the call is retried (a {@code PUT}
     * may be repeated: users already granted are skipped).
     */
    public Achievement put(String key, AchievementDefinition definition) {
        return calls.put(key, definition);
    }

    /** {@code GET /v1/achievements/{key}} with its completions and rarity; archived ones too. */
    public Achievement get(String key) {
        return calls.get(key);
    }

    /** The first page of the active catalog in key order (50). */
    public Page<Achievement> list() {
        return calls.list(50, null, false);
    }

    /**
     * {@code GET /v1/achievements}: a page of the catalog, each with {@link Achievement#unlocked()} for
     * the token's subject. Hidden achievements the caller may not see are dropped from a page after
     * it is read, so a page may hold fewer than {@code limit} items while a next page exists.
     */
    public Page<Achievement> list(int limit, String cursor, boolean includeArchived) {
        return calls.list(limit, cursor, includeArchived);
    }

    /** The whole catalog in key order, fetching pages of 100 as the stream is consumed. */
    public Stream<Achievement> listAll(boolean includeArchived) {
        return calls.listAll(includeArchived);
    }

    /**
     * {@code DELETE /v1/achievements/{key}}: archives the achievement (it no longer unlocks; holders
     * keep it). 409 {@code rule_in_use} while an active points system or composite refers to it.
     */
    public void archive(String key) {
        calls.archive(key);
    }
}
