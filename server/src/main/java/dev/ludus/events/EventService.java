package dev.ludus.events;

import dev.ludus.secrets.Secrets;
import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditLog;
import dev.ludus.engine.Achievement;
import dev.ludus.engine.Change;
import dev.ludus.engine.Engine;
import dev.ludus.engine.Event;
import dev.ludus.engine.Language;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.Rules;
import dev.ludus.engine.StreakRule;
import dev.ludus.engine.Streaks;
import dev.ludus.engine.UserState;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.rules.RuleCodec;
import dev.ludus.rules.RuleService;
import dev.ludus.store.GroupCommit;
import dev.ludus.store.WriteBatch;
import dev.ludus.tenancy.GameSettings;
import dev.ludus.tenancy.TenancyService;
import dev.ludus.profiles.UserPatch;
import dev.ludus.profiles.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Every write to a user's game state. Each one is a work for the {@link GroupCommit}, partitioned
 * by application and user: it replays a stored answer for a known idempotency key, locks (or
 * creates) the user, runs the {@link Engine} on the state it reads, writes the difference and the
 * history, hands the {@link AppliedChange} to the {@link ChangeListener}s registered at start-up,
 * stores the answer under the idempotency key, and is answered after the commit. A change the rules
 * refuse throws the engine's {@link dev.ludus.engine.Refusal}, before anything is written.
 */
public final class EventService {

    /** An application's rules, read (and version-checked) once per batch. */
    private static final WriteBatch.Memo<Rules> RULES = WriteBatch.Memo.named("rules");
    /** An application's default timezone, read once per batch. */
    private static final WriteBatch.Memo<GameSettings> SETTINGS = WriteBatch.Memo.named("game settings");

    /** The longest reason of a points adjustment. */
    public static final int MAX_REASON = 500;
    /** The most freezes one grant may give. */
    public static final int MAX_FREEZE_GRANT = 100;

    private final Jdbi jdbi;
    private final GroupCommit commit;
    private final RuleService rules;
    private final UserStore users;
    private final StateStore state;
    private final BatchUsers batchUsers;
    private final Idempotency idempotency;
    private final List<ChangeListener> listeners;
    private final AuditLog audit = new AuditLog();
    private final Secrets secrets;
    private final Json json;
    private final BiFunction<Handle, String, GameSettings> applicationSettings;
    private final Clock clock;

    /**
     * @param listeners what follows each applied change, in the order they run
     * @param applicationZones the default timezone of an application's users (those with none of their
     *     own), read on the given handle
     */
    private volatile Runnable admission = () -> { };

    public EventService(Jdbi jdbi, GroupCommit commit, RuleService rules, UserStore users,
            List<ChangeListener> listeners, Secrets secrets, Json json,
            java.time.Duration idempotencyRetention, BiFunction<Handle, String, GameSettings> applicationSettings,
            Clock clock) {
        this.commit = commit;
        this.listeners = List.copyOf(listeners);
        this.rules = rules;
        this.users = users;
        this.state = new StateStore(json);
        this.batchUsers = new BatchUsers(users, state);
        this.idempotency = new Idempotency(json, idempotencyRetention);
        this.secrets = secrets;
        this.json = json;
        this.applicationSettings = applicationSettings;
        this.clock = clock;
        this.jdbi = jdbi;
    }

    /**
     * Sets what each event waits for before it is queued: the webhook dispatcher holds events back
     * while its deliveries lag ({@code Webhooks.awaitDeliveries}). Call it once, before the first event.
     */
    public void admitWith(Runnable admission) {
        this.admission = admission;
    }

    /** Waits, if need be, before a request's events are queued ({@link #admitWith}); once per request. */
    public void admit() {
        admission.run();
    }

    /** A write inside the transaction, given the instant it happens at. */
    private interface Write {
        Reply apply(WriteBatch batch, Handle handle, Instant now);
    }

    /**
     * Records one event; its answer names rules in the user's language, else one of
     * {@code acceptLanguage} (the request's {@code Accept-Language}), else the application's default.
     */
    public Reply record(String applicationId, EventRequest request, Optional<String> acceptLanguage) {
        admit();
        return GroupCommit.await(recordAsync(applicationId, request, acceptLanguage));
    }

    /** Queues one event; the future completes after its commit. */
    public CompletableFuture<Reply> recordAsync(String applicationId, EventRequest request,
            Optional<String> acceptLanguage) {
        String eventId = secrets.timeOrderedId("evt_", clock.instant());
        return submit(applicationId, request.userId(), request.idempotencyKey(),
                () -> idempotency.hash("event", request.canonical()),
                (batch, handle, now) -> applyEvent(batch, handle, now, applicationId, request, eventId,
                        acceptLanguage));
    }

    /**
     * Grants or spends points by hand; 400 naming {@code amount} unless it is a non-zero whole number of
     * at most {@link RuleCodec#MAX_POINTS} either way, or {@code reason} unless it has 1 to
     * {@link #MAX_REASON} characters.
     */
    public Reply adjust(Actor actor, String applicationId, String userId, String system, long amount, String reason,
            Optional<String> idempotencyKey, Optional<String> acceptLanguage) {
        if (amount == 0) {
            throw ApiException.invalidField("amount", "'amount' is required: a non-zero whole number "
                    + "(positive grants, negative spends)");
        }
        if (amount < -RuleCodec.MAX_POINTS || amount > RuleCodec.MAX_POINTS) {
            throw ApiException.invalidField("amount", "'amount' must be between " + -RuleCodec.MAX_POINTS + " and "
                    + RuleCodec.MAX_POINTS);
        }
        String why = reason.strip();
        if (why.isEmpty()) {
            throw ApiException.invalidField("reason", "'reason' is required");
        }
        if (why.length() > MAX_REASON) {
            throw ApiException.invalidField("reason", "'reason' must be at most " + MAX_REASON + " characters");
        }
        return GroupCommit.await(submit(applicationId, userId, idempotencyKey,
                () -> idempotency.hash("adjust", Map.of("user_id", userId, "system", system, "amount", amount,
                        "reason", why)),
                (batch, handle, now) -> {
                    Rules current = rules(batch, applicationId);
                    PointsSystem points = current.pointsSystem(system)
                            .orElseThrow(() -> ApiException.notFound("no active points system '" + system + "'"));
                    BatchUsers.Standing standing = batchUsers.standing(batch, applicationId, userId);
                    UserState before = standing.state();
                    Change change = Engine.adjust(current, before, system, amount, now);
                    createIfNew(batch, applicationId, userId, standing, now);
                    persist(batch, applicationId, userId, standing, change, Optional.empty(), Optional.of(why), now);
                    Outcome.PointsChanged applied = change.outcomes(Outcome.PointsChanged.class).stream()
                            .filter(changed -> changed.source() == Outcome.Source.ADJUSTMENT).findFirst().orElseThrow();
                    audit.record(handle, now, actor, AuditLog.Change.ofApplication(applicationId, "points.adjusted",
                            "user", userId, (applied.amount() < 0 ? "spent " + -applied.amount() : "granted "
                                    + applied.amount()) + " points of '" + system + "' for user '" + userId
                                    + "' (balance " + applied.balance() + "): " + why));
                    Language language = language(batch, applicationId, standing, acceptLanguage);
                    return reply(200, new Answers.AdjustAnswer(userId, system, applied.amount(), applied.balance(),
                            applied.capped(), why, Answers.LevelView.of(points.levelAt(applied.balance()), language),
                            Answers.levels(change, language), false));
                }));
    }

    /** Completes an achievement whose criterion is the API. */
    public Reply complete(Actor actor, String applicationId, String userId, String achievement,
            Optional<String> idempotencyKey, Optional<String> acceptLanguage) {
        return GroupCommit.await(submit(applicationId, userId, idempotencyKey,
                () -> idempotency.hash("complete", Map.of("user_id", userId, "achievement", achievement)),
                (batch, handle, now) -> {
                    Rules current = rules(batch, applicationId);
                    current.achievement(achievement)
                            .orElseThrow(() -> ApiException.notFound("no active achievement '" + achievement + "'"));
                    BatchUsers.Standing standing = batchUsers.standing(batch, applicationId, userId);
                    UserState before = standing.state();
                    ZoneId zone = current.hasRecurringQuests() ? zone(batch, applicationId, standing, UserPatch.NONE)
                            : TenancyService.DEFAULT_TIMEZONE;
                    Change change = Engine.complete(current, before, achievement, zone, now);
                    createIfNew(batch, applicationId, userId, standing, now);
                    persist(batch, applicationId, userId, standing, change, Optional.empty(), Optional.empty(), now);
                    if (!before.unlocked().containsKey(achievement)) {
                        audit.record(handle, now, actor, AuditLog.Change.ofApplication(applicationId,
                                "achievement.completed", "user", userId,
                                "completed achievement '" + achievement + "' for user '" + userId + "'"));
                    }
                    Language language = language(batch, applicationId, standing, acceptLanguage);
                    return reply(200, new Answers.CompleteAnswer(userId, achievement,
                            before.unlocked().containsKey(achievement), Answers.unlocks(current, change, language),
                            Answers.points(change), Answers.levels(change, language),
                            Answers.quests(current, change, language), false));
                }));
    }

    /**
     * Clears a user's flag (their awards are no longer held); 404 when there is no such user. Clearing
     * a user who is not flagged changes nothing ({@code cleared} is false).
     */
    public Reply clearFlag(Actor actor, String applicationId, String userId) {
        return GroupCommit.await(commit.submitAsync(partition(applicationId, userId), batch -> {
            Instant now = now();
            BatchUsers.Standing standing = batchUsers.standing(batch, applicationId, userId);
            if (!standing.exists()) {
                throw ApiException.notFound("no user '" + userId + "'");
            }
            UserState before = standing.state();
            Change change = Engine.clearFlag(rules(batch, applicationId), before, now);
            persist(batch, applicationId, userId, standing, change, Optional.empty(), Optional.empty(), now);
            before.flag().ifPresent(flag -> audit.record(batch.handle(), now, actor, AuditLog.Change.ofApplication(
                    applicationId, "user.flag_cleared", "user", userId, "cleared the flag of user '" + userId
                            + "' (raised at " + flag.flaggedAt() + " by " + flag.events() + " events of '"
                            + flag.metric() + "')")));
            return reply(200, new Answers.FlagClearAnswer(userId, before.flag().isPresent(),
                    dev.ludus.profiles.FlagView.of(before.flag().orElse(null))));
        }));
    }

    /**
     * Gives a user {@code count} freezes of a streak, up to the streak's maximum; 400 naming {@code count}
     * unless it is 1 to {@link #MAX_FREEZE_GRANT}.
     */
    public Reply grantFreezes(Actor actor, String applicationId, String userId, String streak, int count,
            Optional<String> idempotencyKey) {
        if (count < 1 || count > MAX_FREEZE_GRANT) {
            throw ApiException.invalidField("count", "'count' must be between 1 and " + MAX_FREEZE_GRANT);
        }
        return GroupCommit.await(submit(applicationId, userId, idempotencyKey,
                () -> idempotency.hash("freezes", Map.of("user_id", userId, "streak", streak, "count", count)),
                (batch, handle, now) -> {
                    Rules current = rules(batch, applicationId);
                    StreakRule rule = current.streak(streak)
                            .orElseThrow(() -> ApiException.notFound("no active streak '" + streak + "'"));
                    BatchUsers.Standing standing = batchUsers.standing(batch, applicationId, userId);
                    UserState before = standing.state();
                    ZoneId zone = zone(batch, applicationId, standing, UserPatch.NONE);
                    Change change = Engine.grantFreezes(current, before, streak, count, zone, now);
                    createIfNew(batch, applicationId, userId, standing, now);
                    persist(batch, applicationId, userId, standing, change, Optional.empty(), Optional.empty(), now);
                    Streaks.FreezesGranted granted = change.outcomes(Outcome.StreakChanged.class).stream()
                            .map(Outcome.StreakChanged::change).filter(Streaks.FreezesGranted.class::isInstance)
                            .map(Streaks.FreezesGranted.class::cast).findFirst().orElseThrow();
                    if (granted.granted() > 0) {
                        audit.record(handle, now, actor, AuditLog.Change.ofApplication(applicationId,
                                "streak.freezes_granted", "user", userId, "granted " + granted.granted()
                                        + " freezes of streak '" + streak + "' to user '" + userId + "' (now "
                                        + granted.freezes() + ")"));
                    }
                    return reply(200, new Answers.FreezeAnswer(userId, streak, count, granted.granted(),
                            granted.freezes(), rule.freezes().max(), Answers.streaks(change), false));
                }));
    }

    /**
     * A write of a user's state by another feature (the rewards' redemptions), in the user's partition
     * like every write here: replayed for a known idempotency key (the request told apart by
     * {@code operation} and {@code request}), else {@code write} decides and persists the change.
     */
    public Reply write(String applicationId, String userId, Optional<String> idempotencyKey, String operation,
            Map<String, Object> request, Optional<String> acceptLanguage, UserWrite write) {
        return GroupCommit.await(submit(applicationId, userId, idempotencyKey,
                () -> idempotency.hash(operation, request),
                (batch, handle, now) -> {
                    BatchUsers.Standing standing = batchUsers.standing(batch, applicationId, userId);
                    return write.apply(new UserWork(batch, now, rules(batch, applicationId), standing.state(),
                            standing.exists(), (change, reason) -> {
                                createIfNew(batch, applicationId, userId, standing, now);
                                return persist(batch, applicationId, userId, standing, change, Optional.empty(),
                                        reason, now);
                            }, json, () -> zone(batch, applicationId, standing, UserPatch.NONE),
                            language(batch, applicationId, standing, acceptLanguage)));
                }));
    }

    /**
     * Grants {@code achievement} to every user who already qualifies, flagged as backfilled (with
     * whatever else they qualify for). Returns how many users got it.
     */
    public int backfill(String applicationId, String achievementKey) {
        Rules current = rules.rules(applicationId);
        Optional<Achievement> achievement = current.achievement(achievementKey);
        if (achievement.isEmpty()) {
            return 0;
        }
        List<String> candidates = jdbi.withHandle(handle ->
                state.usersQualifying(handle, applicationId, achievement.get()));
        int granted = 0;
        for (int start = 0; start < candidates.size(); start += 500) {
            List<CompletableFuture<Boolean>> pending = new ArrayList<>();
            for (String userId : candidates.subList(start, Math.min(candidates.size(), start + 500))) {
                pending.add(commit.submitAsync(partition(applicationId, userId), batch -> {
                    Instant now = now();
                    BatchUsers.Standing standing = batchUsers.standing(batch, applicationId, userId);
                    if (!standing.exists()) {
                        return false;
                    }
                    Rules latest = rules(batch, applicationId);
                    UserState before = standing.state();
                    Change change = Engine.backfill(latest, before, now);
                    persist(batch, applicationId, userId, standing, change, Optional.empty(), Optional.empty(), now);
                    return change.state().unlocked().containsKey(achievementKey)
                            && !before.unlocked().containsKey(achievementKey);
                }));
            }
            for (CompletableFuture<Boolean> future : pending) {
                if (GroupCommit.await(future)) {
                    granted++;
                }
            }
        }
        return granted;
    }

    /**
     * Does what time alone does to a user's balance that came due (what any write of theirs does
     * first: points whose lifetime ended, notices of points about to, the end of a season), for the
     * expiry sweep; a balance in a points system that is not active any more is left, and its
     * {@code due_at} cleared so that the sweep stops finding it. Safe on several nodes: the write runs
     * in the user's partition with their row locked, so each lot expires once and each notice and
     * season end happens once. Completes with whether anything happened.
     */
    CompletableFuture<Boolean> expire(String applicationId, String userId, String system) {
        return commit.submitAsync(partition(applicationId, userId), batch -> {
            Instant now = now();
            BatchUsers.Standing standing = batchUsers.standing(batch, applicationId, userId);
            if (!standing.exists()) {
                return false;
            }
            Rules current = rules(batch, applicationId);
            if (current.pointsSystem(system).isEmpty()) {
                state.forgetDue(batch, applicationId, userId, system);
                return false;
            }
            Change change = Engine.expire(current, standing.state(), now);
            if (change.state().equals(standing.state())) {
                return false;
            }
            // a due_at put off (the system's notice or season changed) is written even without outcomes
            persist(batch, applicationId, userId, standing, change, Optional.empty(), Optional.empty(), now);
            return !change.outcomes().isEmpty();
        });
    }

    /** Creates or replaces a user's profile; true when the user is new. */
    public boolean putUser(String applicationId, String userId, UserPatch patch) {
        return GroupCommit.await(commit.submitAsync(partition(applicationId, userId), batch -> {
            Instant now = now();
            BatchUsers.Standing standing = batchUsers.standing(batch, applicationId, userId);
            createIfNew(batch, applicationId, userId, standing, now);
            users.update(batch.handle(), applicationId, userId, patch, now);
            BatchUsers.remember(batch, applicationId, userId, standing.patched(patch));
            return !standing.exists();
        }));
    }

    /** Erases a user and everything about them; 404 when there is no such user. */
    public void deleteUser(Actor actor, String applicationId, String userId) {
        boolean deleted = GroupCommit.await(commit.submitAsync(partition(applicationId, userId), batch -> {
            BatchUsers.forget(batch, applicationId, userId);
            listeners.forEach(listener -> listener.erasing(batch, applicationId, userId));
            boolean existed = users.delete(batch.handle(), applicationId, userId);
            if (existed) {
                audit.record(batch.handle(), now(), actor, AuditLog.Change.ofApplication(applicationId,
                        "user.deleted", "user", userId, "deleted user '" + userId + "' and everything about them"));
            }
            return existed;
        }));
        if (!deleted) {
            throw ApiException.notFound("no user '" + userId + "'");
        }
    }

    private Reply applyEvent(WriteBatch batch, Handle handle, Instant now, String applicationId,
            EventRequest request, String eventId, Optional<String> acceptLanguage) {
        Rules current = rules(batch, applicationId);
        MetricRule metric = current.metric(request.metric()).orElseThrow(() -> new ApiException(400, "unknown_metric",
                "Unknown metric", "no active metric '" + request.metric() + "'; define it with PUT /v1/metrics/"
                        + request.metric(), Map.of("field", "metric"), Map.of()));
        if (request.value().isNegative() && !metric.allowNegative()) {
            throw ApiException.invalidField("value", "metric '" + metric.key()
                    + "' does not allow negative values (set allow_negative on the metric)");
        }
        BatchUsers.Standing standing = batchUsers.standing(batch, applicationId, request.userId());
        UserState before = standing.state();
        StateStore.StoredEvent event = new StateStore.StoredEvent(eventId, request.userId(), metric.key(),
                request.value(), request.occurredAt().orElse(now), now, request.attributes());
        boolean streaks = current.streaks().values().stream().anyMatch(streak -> streak.counts(metric.key()));
        ZoneId zone = streaks || current.hasRecurringQuests() || current.hasEarningCaps()
                ? zone(batch, applicationId, standing, request.profile())
                : TenancyService.DEFAULT_TIMEZONE;
        Event applied = new Event(event.id(), metric.key(), request.value(), request.attributes(), event.occurredAt());
        Change change = Engine.applyEvent(current, before, applied, zone, now);
        long lastEventHour = standing.eventHour();
        if (!standing.exists()) {
            users.create(batch, applicationId, request.userId(), now, UserStore.eventHour(now));
            standing = standing.touched(now);
        } else if (lastEventHour != UserStore.eventHour(now)
                || now.toEpochMilli() - standing.activeAt() >= UserStore.ACTIVITY_RESOLUTION.toMillis()) {
            // last_event_hour always names the hour of the latest event, so the first of an hour is known
            users.touch(batch, applicationId, request.userId(), now);
            standing = standing.touched(now);
        }
        users.update(handle, applicationId, request.userId(), request.profile(), now);
        state.insertEvent(batch, applicationId, event);
        boolean controlGroup = settings(batch, applicationId).inControlGroup(applicationId, request.userId());
        ChangeOutputs outputs = persist(batch, applicationId, request.userId(), standing.patched(request.profile()),
                lastEventHour, controlGroup, change, Optional.of(applied), Optional.empty(), now);
        Answers.MetricView total = new Answers.MetricView(metric.key(), change.state().total(metric.key()).toDecimal());
        dev.ludus.profiles.FlagView flag = dev.ludus.profiles.FlagView.of(change.state().flag().orElse(null));
        if (controlGroup) {
            // counted, but the answer shows none of the game: the application hides it from this user
            Map<String, Object> hidden = new java.util.LinkedHashMap<>();
            outputs.answerMembers().keySet().forEach(member -> hidden.put(member, List.of()));
            return reply(201, new Answers.EventAnswer(Answers.EventView.of(event), total, List.of(), List.of(),
                    List.of(), List.of(), List.of(), flag, true, false, hidden));
        }
        Language language = language(batch, applicationId, standing.patched(request.profile()), acceptLanguage);
        return reply(201, new Answers.EventAnswer(Answers.EventView.of(event), total,
                Answers.points(change), Answers.levels(change, language), Answers.unlocks(current, change, language),
                Answers.streaks(change), Answers.quests(current, change, language), flag, false, false,
                outputs.answerMembers()));
    }

    /**
     * Whom an answer about {@code standing}'s user speaks to: their profile's language, then the
     * request's {@code Accept-Language}, then the application's default.
     */
    private Language language(WriteBatch batch, String applicationId, BatchUsers.Standing standing,
            Optional<String> acceptLanguage) {
        return Language.of(standing.locale(), acceptLanguage, settings(batch, applicationId).defaultLanguage());
    }

    /**
     * The timezone a user's streak periods are judged in: the one the write sets, else the profile's,
     * else the application's default.
     */
    private ZoneId zone(WriteBatch batch, String applicationId, BatchUsers.Standing standing, UserPatch patch) {
        return standing.patched(patch).timezone().map(ZoneId::of)
                .orElseGet(() -> settings(batch, applicationId).timezone());
    }

    /** The application's settings for this batch: read once per transaction. */
    private GameSettings settings(WriteBatch batch, String applicationId) {
        return batch.memo(SETTINGS, applicationId, () -> applicationSettings.apply(batch.handle(), applicationId));
    }

    /**
     * The instant of a write, in the store's precision (milliseconds), so that answers and later
     * reads agree.
     */
    private Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /**
     * The application's rules for this batch: read (and version-checked) once per transaction, so
     * that every work of the batch applies the same rules.
     */
    private Rules rules(WriteBatch batch, String applicationId) {
        return batch.memo(RULES, applicationId, () -> rules.rules(batch.handle(), applicationId));
    }

    private void createIfNew(WriteBatch batch, String applicationId, String userId, BatchUsers.Standing standing,
            Instant now) {
        if (!standing.exists()) {
            users.create(batch, applicationId, userId, now, 0);
        }
    }

    /**
     * Locks and reads every user of a batch ahead of its works (PostgreSQL): the
     * {@link GroupCommit.Preparer} of the event writers.
     */
    public void prepare(WriteBatch batch, List<Object> partitions) {
        batchUsers.prepare(batch, partitions);
    }

    /**
     * Writes a change of a user's state (the state and its histories) and hands it to the listeners.
     * Returns what they produced.
     */
    private ChangeOutputs persist(WriteBatch batch, String applicationId, String userId,
            BatchUsers.Standing standing, Change change, Optional<Event> event, Optional<String> reason, Instant now) {
        return persist(batch, applicationId, userId, standing, standing.eventHour(),
                settings(batch, applicationId).inControlGroup(applicationId, userId), change, event, reason, now);
    }

    /**
     * {@link #persist} of an event's change, with the hour of the user's event before it and whether the
     * user is in the application's control group.
     */
    private ChangeOutputs persist(WriteBatch batch, String applicationId, String userId,
            BatchUsers.Standing standing, long lastEventHour, boolean controlGroup, Change change,
            Optional<Event> event, Optional<String> reason, Instant now) {
        UserState before = standing.state();
        state.save(batch, applicationId, userId, before, change.state(), now);
        if (!change.state().flag().equals(before.flag())) {
            users.flag(batch, applicationId, userId, change.state().flag());
        }
        state.appendSeasons(batch, applicationId, userId, change.outcomes(Outcome.SeasonEnded.class), now);
        state.appendLedger(batch, applicationId, userId, change.outcomes(Outcome.PointsChanged.class), reason, now);
        state.appendStreakPeriods(batch, applicationId, userId, change.outcomes(Outcome.StreakChanged.class), now);
        state.appendQuestHistory(batch, applicationId, userId, change.outcomes(Outcome.QuestChanged.class), now);
        BatchUsers.remember(batch, applicationId, userId, standing.with(change.state()));
        GameSettings settings = settings(batch, applicationId);
        AppliedChange applied = new AppliedChange(applicationId, userId, rules(batch, applicationId), before, change,
                event, now, lastEventHour, controlGroup,
                Language.of(standing.locale(), Optional.empty(), settings.defaultLanguage()));
        ChangeOutputs outputs = new ChangeOutputs();
        for (ChangeListener listener : listeners) {
            listener.applied(batch, applied, outputs);
        }
        return outputs;
    }

    private CompletableFuture<Reply> submit(String applicationId, String userId, Optional<String> idempotencyKey,
            java.util.function.Supplier<String> requestHash, Write write) {
        String hash = idempotencyKey.isPresent() ? requestHash.get() : null;
        return commit.submitAsync(partition(applicationId, userId), batch -> {
            Handle handle = batch.handle();
            Instant now = now();
            if (idempotencyKey.isPresent()) {
                Optional<Reply> replay = idempotency.replay(handle, applicationId, idempotencyKey.get(), hash, now);
                if (replay.isPresent()) {
                    return replay.get();
                }
            }
            Reply reply = write.apply(batch, handle, now);
            if (idempotencyKey.isPresent()) {
                idempotency.store(handle, applicationId, idempotencyKey.get(), userId, hash, reply, now);
            }
            return reply;
        });
    }

    private Reply reply(int status, Object answer) {
        return Reply.of(status, answer, json);
    }

    private static BatchUsers.Key partition(String applicationId, String userId) {
        return new BatchUsers.Key(applicationId, userId);
    }
}
