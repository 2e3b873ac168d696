package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Transport;
import java.util.stream.Stream;

/**
 * {@code /v1/quests}: quests, steps to complete inside a fixed window or every local day or week, in
 * any order or in order, by every user or by those who joined, for points and an achievement; and
 * team quests, whose steps the members of each team complete together ({@link QuestDefinition#team()}).
 * {@code put} and {@code archive} need scope {@code admin}, the reads scope {@code read}. Joining, a
 * user's standing and history are in {@link UsersApi}; what an event did to a user's quests is
 * {@link EventAnswer#quests()}; a team's standing in the team quests is {@link TeamsApi#quests(String)}.
 */
public final class QuestsApi {

    private final RuleCalls<Quest> calls;

    QuestsApi(Transport transport, Authentication authentication) {
        this.calls = new RuleCalls<>(transport, authentication, "quests", Quest.class);
    }

    /**
     * {@code PUT /v1/quests/{key}}: defines, replaces or restores the quest. The metrics and achievements
     * of its steps and the points system and achievement of its reward must be active (else 400
     * {@code unknown_rule}, field {@code steps} or {@code reward}). A team quest takes metric steps only,
     * order {@code any} and enrollment {@code automatic}; a recurring window's {@code timezone} is for
     * team quests only (400 {@code invalid_request} naming the member otherwise).
     */
    public Quest put(String key, QuestDefinition definition) {
        return calls.put(key, definition);
    }

    /** {@code GET /v1/quests/{key}}, archived ones too. */
    public Quest get(String key) {
        return calls.get(key);
    }

    /** The first page of active quests in key order (50). */
    public Page<Quest> list() {
        return calls.list(50, null, false);
    }

    /** {@code GET /v1/quests}: a page in key order; {@code cursor} null for the first, {@code limit} 1 to 100. */
    public Page<Quest> list(int limit, String cursor, boolean includeArchived) {
        return calls.list(limit, cursor, includeArchived);
    }

    /** Every quest in key order, fetching pages of 100 as the stream is consumed. */
    public Stream<Quest> listAll(boolean includeArchived) {
        return calls.listAll(includeArchived);
    }

    /**
     * {@code DELETE /v1/quests/{key}}: archives the quest (events no longer count for it, joining it
     * answers 404; users' histories stay; {@link #put} restores it).
     */
    public void archive(String key) {
        calls.archive(key);
    }
}
