package dev.ludus.client;

import com.fasterxml.jackson.databind.JavaType;
import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code /v1/rewards}: the rewards catalog (cost in a points system, stock, limit per user,
 * availability, level required), each reward's redemptions, and {@code /v1/redemptions/{id}}: one
 * redemption, fulfilled or cancelled. {@code put} and {@code archive} need scope {@code admin}, the
 * rule reads scope {@code read}; the redemption reads {@code users:read}, {@code fulfill} and
 * {@code cancel} {@code users:write}. Redeeming for a user and a user's redemptions are in {@link UsersApi}.
 *
 * <p>{@code cancel} is sent with an idempotency key (yours, or a new UUID per call) and retried like
 * {@link EventsApi#send}: a refund whose answer was lost is given once.
 */
public final class RewardsApi {

    /** The answer of {@code POST /v1/redemptions/{id}/fulfill}. */
    record Fulfilled(Redemption redemption) { }

    private final Transport transport;
    private final Authentication authentication;
    private final RuleCalls<RewardRule> calls;

    RewardsApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
        this.calls = new RuleCalls<>(transport, authentication, "rewards", RewardRule.class);
    }

    /**
     * {@code PUT /v1/rewards/{key}}: defines, replaces or restores the reward. Its points system must be
     * active (else 400 {@code unknown_rule}). Redemptions already made keep their cost.
     */
    public RewardRule put(String key, RewardDefinition definition) {
        return calls.put(key, definition);
    }

    /** {@code GET /v1/rewards/{key}}, archived ones too. */
    public RewardRule get(String key) {
        return calls.get(key);
    }

    /** The first page of active rewards in key order (50). */
    public Page<RewardRule> list() {
        return calls.list(50, null, false);
    }

    /** {@code GET /v1/rewards}: a page in key order; {@code cursor} null for the first, {@code limit} 1 to 100. */
    public Page<RewardRule> list(int limit, String cursor, boolean includeArchived) {
        return calls.list(limit, cursor, includeArchived);
    }

    /** Every reward in key order, fetching pages of 100 as the stream is consumed. */
    public Stream<RewardRule> listAll(boolean includeArchived) {
        return calls.listAll(includeArchived);
    }

    /**
     * {@code DELETE /v1/rewards/{key}}: archives the reward (redeeming it answers 404; its redemptions
     * stay and may still be fulfilled or cancelled).
     */
    public void archive(String key) {
        calls.archive(key);
    }

    /** The first page (50) of the reward's redemptions, every user's and status, newest first. */
    public Page<Redemption> redemptions(String key) {
        return redemptions(key, 50, null, null);
    }

    /**
     * {@code GET /v1/rewards/{key}/redemptions}: a page of every user's redemptions of the reward, newest
     * first (scope {@code users:read}).
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     * @param status only the redemptions of this status; null: all
     */
    public Page<Redemption> redemptions(String key, int limit, String cursor, Redemption.Status status) {
        return transport.call(authentication, "GET", "/v1/rewards/" + Paths.segment(key, "key") + "/redemptions"
                + Paths.query("limit", limit, "cursor", cursor, "status", status == null ? null : status.wireName()),
                null, pageOfRedemptions(transport));
    }

    /** Every redemption of the reward (of {@code status}; null: all), newest first, fetching pages of 100. */
    public Stream<Redemption> redemptionsAll(String key, Redemption.Status status) {
        return Page.all(cursor -> redemptions(key, RuleCalls.MAX_LIMIT, cursor, status));
    }

    /** {@code GET /v1/redemptions/{id}}: any user's redemption (scope {@code users:read}); 404 when unknown. */
    public Redemption redemption(String id) {
        return transport.call(authentication, "GET", redemptionPath(id), null, Redemption.class);
    }

    /**
     * {@code POST /v1/redemptions/{id}/fulfill}: the reward was handed over; a pending redemption
     * becomes fulfilled (points and stock do not change). 409 {@code redemption_not_pending} otherwise.
     */
    public Redemption fulfill(String id) {
        return transport.call(authentication, "POST", redemptionPath(id) + "/fulfill", null, Fulfilled.class)
                .redemption();
    }

    /**
     * {@code POST /v1/redemptions/{id}/cancel} with a new idempotency key: a pending redemption becomes
     * cancelled, its cost goes back to the user's balance (up to the system's cap) and its unit back to
     * the stock. 409 {@code redemption_not_pending} when it is not pending.
     */
    public RedemptionChange cancel(String id) {
        return cancel(id, null);
    }

    /** As {@link #cancel(String)} with your idempotency key (null: a new UUID). */
    public RedemptionChange cancel(String id, String idempotencyKey) {
        return transport.callIdempotent(authentication, "POST", redemptionPath(id) + "/cancel", null,
                idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString(), RedemptionChange.class);
    }

    static JavaType pageOfRedemptions(Transport transport) {
        return transport.json().getTypeFactory().constructParametricType(Page.class, Redemption.class);
    }

    private static String redemptionPath(String id) {
        return "/v1/redemptions/" + Paths.segment(id, "id");
    }
}
