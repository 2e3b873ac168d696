package dev.ludus.rewards;

import dev.ludus.engine.Change;
import dev.ludus.engine.Engine;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Refusal;
import dev.ludus.engine.Reward;
import dev.ludus.events.Answers;
import dev.ludus.events.EventService;
import dev.ludus.events.Reply;
import dev.ludus.events.UserWork;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.rules.ActiveRules;
import dev.ludus.rules.RuleService;
import dev.ludus.secrets.Secrets;
import dev.ludus.store.WriteBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Redemptions of the rewards catalog. A redemption, a fulfilment and a cancellation are each a write of
 * the redeeming user's state through {@link EventService#write} (in the user's partition, idempotent by
 * key, answered after the commit): the points spent or refunded, the unit of stock taken or given back
 * and the redemption's row commit together, or nothing does.
 */
public final class RewardService {

    /** An application's active rules, read once per batch. */
    private static final WriteBatch.Memo<ActiveRules> ACTIVE = WriteBatch.Memo.named("active rules");

    private final Jdbi jdbi;
    private final EventService events;
    private final RuleService rules;
    private final Secrets secrets;
    private final RedemptionStore store = new RedemptionStore();

    public RewardService(Jdbi jdbi, EventService events, RuleService rules, Secrets secrets) {
        this.jdbi = jdbi;
        this.events = events;
        this.rules = rules;
        this.secrets = secrets;
    }

    /** A redemption as the API shows it. */
    public record RedemptionView(String id, String userId, String reward, String pointsSystem, long cost, String status,
            Instant createdAt, Instant updatedAt) {
        static RedemptionView of(RedemptionStore.Stored stored) {
            return new RedemptionView(stored.id(), stored.userId(), stored.reward(), stored.pointsSystem(), stored.cost(),
                    stored.status(), stored.createdAt(), stored.updatedAt());
        }
    }

    /** The points a redemption spent or a cancellation gave back. */
    public record PointsView(String system, long amount, long balance) { }

    /**
     * The answer of a redemption and of a cancellation.
     *
     * @param remaining the reward's units left after it; null for an unlimited stock, or when the reward
     *     is no longer active
     */
    public record RedemptionAnswer(RedemptionView redemption, PointsView points, List<Answers.LevelChangeView> levels,
            Long remaining, boolean idempotentReplayed) { }

    /** The answer of a fulfilment. */
    public record FulfilAnswer(RedemptionView redemption, boolean idempotentReplayed) { }

    /**
     * Redeems one unit of {@code rewardKey} for {@code userId}: 201, or a refusal (404 for an unknown
     * user or reward; 409 {@code reward_unavailable}, {@code out_of_stock}, {@code limit_reached},
     * {@code level_required}, {@code insufficient_points}) with nothing written.
     */
    public Reply redeem(String applicationId, String userId, String rewardKey, Optional<String> idempotencyKey,
            Optional<String> acceptLanguage) {
        return events.write(applicationId, userId, idempotencyKey, "redeem",
                Map.of("user_id", userId, "reward", rewardKey), acceptLanguage, work -> {
                    if (!work.userExists()) {
                        throw ApiException.notFound("no user '" + userId + "'");
                    }
                    Reward reward = reward(work.batch(), applicationId, rewardKey)
                            .orElseThrow(() -> ApiException.notFound("no active reward '" + rewardKey + "'"));
                    Handle handle = work.batch().handle();
                    Instant now = work.now();
                    String id = secrets.timeOrderedId("rdm_", now);
                    Change change = Engine.redeem(work.rules(), work.state(), reward, id,
                            store.taken(handle, applicationId, rewardKey),
                            store.held(handle, applicationId, userId, rewardKey), now);
                    // the only check a concurrent redemption can defeat between the read and here: the
                    // statement takes the unit or writes nothing
                    OptionalLong taken = store.take(handle, applicationId, rewardKey, reward.stock());
                    if (taken.isEmpty()) {
                        throw new Refusal(Refusal.Reason.OUT_OF_STOCK, "reward '" + rewardKey + "' is out of stock");
                    }
                    RedemptionStore.Stored redemption = new RedemptionStore.Stored(0, id, userId, rewardKey,
                            reward.pointsSystem(), reward.cost(), "pending", now, now);
                    store.insert(handle, applicationId, redemption);
                    work.persist(change, Optional.of("redeemed reward '" + rewardKey + "'"));
                    return work.reply(201, answer(redemption, change, reward.remaining(taken.getAsLong()),
                            work.language()));
                });
    }

    /** Marks a pending redemption fulfilled; 404 when unknown, 409 {@code redemption_not_pending}. */
    public Reply fulfil(String applicationId, String redemptionId, Optional<String> idempotencyKey) {
        RedemptionStore.Stored found = find(applicationId, redemptionId);
        return events.write(applicationId, found.userId(), idempotencyKey, "fulfill", Map.of("id", redemptionId),
                Optional.empty(), work -> {
                    RedemptionStore.Stored current = pending(work, applicationId, redemptionId);
                    store.settle(work.batch().handle(), applicationId, redemptionId, "fulfilled", work.now());
                    return work.reply(200, new FulfilAnswer(RedemptionView.of(settled(current, "fulfilled",
                            work.now())), false));
                });
    }

    /**
     * Cancels a pending redemption: its cost goes back to the user's balance and its unit to the stock;
     * 404 when unknown, 409 {@code redemption_not_pending}.
     */
    public Reply cancel(String applicationId, String redemptionId, Optional<String> idempotencyKey,
            Optional<String> acceptLanguage) {
        RedemptionStore.Stored found = find(applicationId, redemptionId);
        return events.write(applicationId, found.userId(), idempotencyKey, "cancel", Map.of("id", redemptionId),
                acceptLanguage, work -> {
                    RedemptionStore.Stored current = pending(work, applicationId, redemptionId);
                    Instant now = work.now();
                    Change change = Engine.refund(work.rules(), work.state(), new Reward.Redemption(current.id(),
                            current.reward(), current.pointsSystem(), current.cost()), now);
                    Handle handle = work.batch().handle();
                    store.settle(handle, applicationId, redemptionId, "cancelled", now);
                    long taken = store.giveBack(handle, applicationId, current.reward());
                    work.persist(change, Optional.of("cancelled redemption " + redemptionId));
                    Optional<Reward> reward = reward(work.batch(), applicationId, current.reward());
                    return work.reply(200, answer(settled(current, "cancelled", now), change,
                            reward.map(active -> active.remaining(taken)).orElse(OptionalLong.empty()), work.language()));
                });
    }

    /** One redemption; 404 when the application has none of that id. */
    public RedemptionView get(String applicationId, String redemptionId) {
        return RedemptionView.of(find(applicationId, redemptionId));
    }

    /** A page of a user's redemptions, newest first, in {@code status} when given. */
    public PageRequest.Page<RedemptionView> ofUser(String applicationId, String userId, Optional<String> status,
            PageRequest page) {
        return page(applicationId, "user_id", userId, status, page);
    }

    /** A page of a reward's redemptions, newest first, in {@code status} when given. */
    public PageRequest.Page<RedemptionView> ofReward(String applicationId, String reward, Optional<String> status,
            PageRequest page) {
        return page(applicationId, "reward", reward, status, page);
    }

    /** What the rule routes add to a reward's views: see {@link RewardHooks}. */
    public dev.ludus.rules.RuleHooks<Reward> hooks() {
        return new RewardHooks(this);
    }

    /** The units held of each reward of the application that has had a redemption. */
    Map<String, Long> taken(String applicationId) {
        return jdbi.withHandle(handle -> store.takenByReward(handle, applicationId));
    }

    private PageRequest.Page<RedemptionView> page(String applicationId, String column, String value,
            Optional<String> status, PageRequest page) {
        status.filter(wanted -> !RedemptionStore.STATUSES.contains(wanted)).ifPresent(wanted -> {
            throw ApiException.invalidField("status", "'status' must be one of " + String.join(", ",
                    RedemptionStore.STATUSES));
        });
        OptionalLong before;
        try {
            before = page.after().map(cursor -> OptionalLong.of(Long.parseLong(cursor))).orElse(OptionalLong.empty());
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
        PageRequest.Page<RedemptionStore.Stored> stored = page.page(jdbi.withHandle(handle -> store.page(handle,
                applicationId, column, value, status, before, page.limit() + 1)), found -> Long.toString(found.seq()));
        return new PageRequest.Page<>(stored.items().stream().map(RedemptionView::of).toList(), stored.nextCursor());
    }

    private RedemptionStore.Stored find(String applicationId, String redemptionId) {
        return jdbi.withHandle(handle -> store.find(handle, applicationId, redemptionId))
                .orElseThrow(() -> ApiException.notFound("no redemption '" + redemptionId + "'"));
    }

    /** The redemption as it stands in the user's partition; 404 when gone, 409 unless pending. */
    private RedemptionStore.Stored pending(UserWork work, String applicationId, String redemptionId) {
        RedemptionStore.Stored current = store.find(work.batch().handle(), applicationId, redemptionId)
                .orElseThrow(() -> ApiException.notFound("no redemption '" + redemptionId + "'"));
        if (!current.pending()) {
            throw new ApiException(409, "redemption_not_pending", "Redemption not pending", "redemption '"
                    + redemptionId + "' is " + current.status() + "; only a pending redemption can be fulfilled or"
                    + " cancelled");
        }
        return current;
    }

    private static RedemptionStore.Stored settled(RedemptionStore.Stored stored, String status, Instant now) {
        return new RedemptionStore.Stored(stored.seq(), stored.id(), stored.userId(), stored.reward(), stored.pointsSystem(),
                stored.cost(), status, stored.createdAt(), now);
    }

    private static RedemptionAnswer answer(RedemptionStore.Stored redemption, Change change, OptionalLong remaining,
            dev.ludus.engine.Language language) {
        Outcome.PointsChanged points = change.outcomes(Outcome.PointsChanged.class).stream()
                .filter(changed -> !changed.source().scheduled()).findFirst().orElseThrow();
        return new RedemptionAnswer(RedemptionView.of(redemption),
                new PointsView(points.system(), points.amount(), points.balance()), Answers.levels(change, language),
                remaining.isPresent() ? remaining.getAsLong() : null, false);
    }

    /** The active reward of that key, as of the batch's rules. */
    private Optional<Reward> reward(WriteBatch batch, String applicationId, String key) {
        return batch.memo(ACTIVE, applicationId, () -> rules.active(batch.handle(), applicationId))
                .find(RewardKind.KIND, key);
    }
}
