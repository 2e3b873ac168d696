package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * {@code /v1/users/{id}/...}: profiles, progress, points adjustments, history and seasons, API completions,
 * streak standings, histories and freeze grants, reward redemptions, team memberships, quests (joining,
 * standings, history), a velocity guard's flag, everything held about a user, erasure. A user id is the application's own (1 to 255
 * characters, no control characters), sent percent-encoded; {@code "me"} stands for the token's subject.
 * Reads need scope {@code read} for the token's own subject and {@code users:read} for anyone; writes
 * {@code write} / {@code users:write} ({@code delete}, {@code clearFlag}, {@code adjustPoints},
 * {@code completeAchievement} and {@code grantFreezes} always {@code users:write}).
 *
 * <p>{@code adjustPoints}, {@code completeAchievement}, {@code grantFreezes}, {@code redeem} and
 * {@code joinQuest} are sent with an idempotency key (yours, or a new UUID per call) and retried like
 * {@link EventsApi#send}: a grant whose answer was lost is given once, a redemption charged once.
 */
public final class UsersApi {

    record Adjustment(long amount, String reason) { }

    record FreezeCount(int count) { }

    /** The answer of {@code GET /v1/users/{id}/streaks}. */
    record StreakStandings(String userId, List<StreakStanding> streaks) { }

    private final Transport transport;
    private final Authentication authentication;

    UsersApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    /**
     * {@code PUT /v1/users/{id}}: creates the user or <b>replaces</b> their whole profile (a null member
     * is cleared). Game state is not touched.
     */
    public User put(String userId, UserProfile profile) {
        return transport.call(authentication, "PUT", user(userId), profile, User.class);
    }

    /** {@code GET /v1/users/{id}}; 404 {@code not_found} for a user Ludus does not know. */
    public User get(String userId) {
        return transport.call(authentication, "GET", user(userId), null, User.class);
    }

    /**
     * {@code DELETE /v1/users/{id}}: erases the user and everything Ludus holds about them (profile,
     * events, totals, balances, history, achievements, idempotency records). Cannot be undone.
     */
    public void delete(String userId) {
        transport.send(authentication, "DELETE", user(userId), null);
    }

    /**
     * {@code GET /v1/users/{id}/export}: everything Ludus holds about the user, for access requests
     * (GDPR article 15): the profile and every table's rows about them, the user's events included.
     * Read whole: a user with very many events makes a large answer. 404 {@code not_found} for a user
     * Ludus does not know. Scope {@code read} for the token's own subject, {@code users:read} for anyone.
     */
    public UserExport export(String userId) {
        return transport.call(authentication, "GET", user(userId) + "/export", null, UserExport.class);
    }

    /**
     * {@code DELETE /v1/users/{id}/flag}: clears the flag a velocity guard raised ({@link User#flag()}):
     * the user's events award again (when the guard held them), and the guards count their events afresh.
     * What the user's events did not earn while held is not given back; achievements they qualify for
     * unlock at their next event. A user who is not flagged: nothing changes ({@link FlagClear#cleared()}
     * false). 404 {@code not_found} for a user Ludus does not know. Scope {@code users:write}; audited.
     */
    public FlagClear clearFlag(String userId) {
        return transport.call(authentication, "DELETE", user(userId) + "/flag", null, FlagClear.class);
    }

    /** {@code GET /v1/users/{id}/progress}: totals, balances and levels, achievements, recent events. */
    public Progress progress(String userId) {
        return transport.call(authentication, "GET", user(userId) + "/progress", null, Progress.class);
    }

    /**
     * {@code POST /v1/users/{id}/points/{system}/adjust} with a new idempotency key: grants (positive
     * {@code amount}) or spends (negative) points, kept in the history with {@code reason}. A spend
     * below zero in a system without negative balances is refused: 409 {@code insufficient_points}.
     */
    public PointsAdjustment adjustPoints(String userId, String system, long amount, String reason) {
        return adjustPoints(userId, system, amount, reason, null);
    }

    /** As {@link #adjustPoints(String, String, long, String)} with your idempotency key (null: a new UUID). */
    public PointsAdjustment adjustPoints(String userId, String system, long amount, String reason,
            String idempotencyKey) {
        return transport.callIdempotent(authentication, "POST", points(userId, system) + "/adjust",
                new Adjustment(amount, reason), key(idempotencyKey), PointsAdjustment.class);
    }

    /** The first page (50) of the user's history in {@code system}, newest first. */
    public Page<PointsHistoryEntry> pointsHistory(String userId, String system) {
        return pointsHistory(userId, system, 50, null);
    }

    /**
     * {@code GET /v1/users/{id}/points/{system}/history}: a page of the changes of the user's balance,
     * newest first. A system the user never had points in answers an empty page.
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     */
    public Page<PointsHistoryEntry> pointsHistory(String userId, String system, int limit, String cursor) {
        return Page.fetch(transport, authentication, points(userId, system) + "/history", limit, cursor,
                PointsHistoryEntry.class);
    }

    /** The user's whole history in {@code system}, newest first, fetching pages of 100 as the stream is consumed. */
    public Stream<PointsHistoryEntry> pointsHistoryAll(String userId, String system) {
        return Page.all(cursor -> pointsHistory(userId, system, RuleCalls.MAX_LIMIT, cursor));
    }

    /** The first page (50) of the seasons of {@code system} that ended while the user held points, newest first. */
    public Page<UserSeason> pointsSeasons(String userId, String system) {
        return pointsSeasons(userId, system, 50, null);
    }

    /**
     * {@code GET /v1/users/{id}/points/{system}/seasons}: a page of the seasons of {@code system}
     * ({@link PointsSeason}) that ended while the user held points, newest first: the balance at the end
     * and the level then. 404 {@code not_found} for a user Ludus does not know. The whole standings of a
     * season are {@link PointsSystemsApi#seasonStandings}.
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     */
    public Page<UserSeason> pointsSeasons(String userId, String system, int limit, String cursor) {
        return Page.fetch(transport, authentication, points(userId, system) + "/seasons", limit, cursor,
                UserSeason.class);
    }

    /** Every season of {@code system} that ended while the user held points, newest first, fetching pages of 100. */
    public Stream<UserSeason> pointsSeasonsAll(String userId, String system) {
        return Page.all(cursor -> pointsSeasons(userId, system, RuleCalls.MAX_LIMIT, cursor));
    }

    /**
     * {@code POST /v1/users/{id}/achievements/{key}/complete} with a new idempotency key: unlocks an
     * achievement whose trigger is {@code api}, with its reward. Already held: nothing changes
     * ({@link Completion#alreadyUnlocked()}). 409 {@code not_completable} for other triggers.
     */
    public Completion completeAchievement(String userId, String achievement) {
        return completeAchievement(userId, achievement, null);
    }

    /** As {@link #completeAchievement(String, String)} with your idempotency key (null: a new UUID). */
    public Completion completeAchievement(String userId, String achievement, String idempotencyKey) {
        return transport.callIdempotent(authentication, "POST", user(userId) + "/achievements/"
                + Paths.segment(achievement, "achievement") + "/complete", null, key(idempotencyKey), Completion.class);
    }

    /**
     * {@code GET /v1/users/{id}/streaks}: the user's standing in every active streak, in key order, as
     * of now. A user without events in a streak stands at 0 with its initial freezes.
     */
    public List<StreakStanding> streaks(String userId) {
        return transport.call(authentication, "GET", user(userId) + "/streaks", null, StreakStandings.class)
                .streaks();
    }

    /** {@code GET /v1/users/{id}/streaks/{key}}: the user's standing in one; 404 when it is not active. */
    public StreakStanding streak(String userId, String streak) {
        return transport.call(authentication, "GET", streakPath(userId, streak), null, StreakStanding.class);
    }

    /** The first page (50) of the periods recorded for the user in {@code streak}, newest first. */
    public Page<StreakHistoryEntry> streakHistory(String userId, String streak) {
        return streakHistory(userId, streak, 50, null);
    }

    /**
     * {@code GET /v1/users/{id}/streaks/{key}/history}: a page of the periods recorded for the user
     * (met, frozen, and the missed one that ended each run), newest first; archived streaks too.
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     */
    public Page<StreakHistoryEntry> streakHistory(String userId, String streak, int limit, String cursor) {
        return Page.fetch(transport, authentication, streakPath(userId, streak) + "/history", limit, cursor,
                StreakHistoryEntry.class);
    }

    /** The user's whole history in {@code streak}, newest first, fetching pages of 100 as the stream is consumed. */
    public Stream<StreakHistoryEntry> streakHistoryAll(String userId, String streak) {
        return Page.all(cursor -> streakHistory(userId, streak, RuleCalls.MAX_LIMIT, cursor));
    }

    /**
     * {@code POST /v1/users/{id}/streaks/{key}/freezes} with a new idempotency key: gives the user
     * {@code count} freezes (1 to 100), up to the streak's {@code max}. Periods that ended are settled
     * first, as of now: give freezes while the period they should cover is still running.
     */
    public FreezeGrant grantFreezes(String userId, String streak, int count) {
        return grantFreezes(userId, streak, count, null);
    }

    /** As {@link #grantFreezes(String, String, int)} with your idempotency key (null: a new UUID). */
    public FreezeGrant grantFreezes(String userId, String streak, int count, String idempotencyKey) {
        return transport.callIdempotent(authentication, "POST", streakPath(userId, streak) + "/freezes",
                new FreezeCount(count), key(idempotencyKey), FreezeGrant.class);
    }

    /**
     * {@code POST /v1/users/{id}/rewards/{key}/redeem} with a new idempotency key: spends the reward's
     * cost in its points system and records a pending redemption. Refused with nothing written: 404
     * {@code not_found} (no active reward, no such user); 409 {@code reward_unavailable},
     * {@code out_of_stock}, {@code limit_reached}, {@code level_required} or {@code insufficient_points}.
     */
    public RedemptionChange redeem(String userId, String reward) {
        return redeem(userId, reward, null);
    }

    /** As {@link #redeem(String, String)} with your idempotency key (null: a new UUID). */
    public RedemptionChange redeem(String userId, String reward, String idempotencyKey) {
        return transport.callIdempotent(authentication, "POST", user(userId) + "/rewards/"
                + Paths.segment(reward, "reward") + "/redeem", null, key(idempotencyKey), RedemptionChange.class);
    }

    /** The first page (50) of the user's redemptions, of every status, newest first. */
    public Page<Redemption> redemptions(String userId) {
        return redemptions(userId, 50, null, null);
    }

    /**
     * {@code GET /v1/users/{id}/redemptions}: a page of the user's redemptions of every reward, newest first.
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     * @param status only the redemptions of this status; null: all
     */
    public Page<Redemption> redemptions(String userId, int limit, String cursor, Redemption.Status status) {
        return transport.call(authentication, "GET", user(userId) + "/redemptions" + Paths.query("limit", limit,
                "cursor", cursor, "status", status == null ? null : status.wireName()), null,
                RewardsApi.pageOfRedemptions(transport));
    }

    /** Every redemption of the user (of {@code status}; null: all), newest first, fetching pages of 100. */
    public Stream<Redemption> redemptionsAll(String userId, Redemption.Status status) {
        return Page.all(cursor -> redemptions(userId, RuleCalls.MAX_LIMIT, cursor, status));
    }

    /** The first page (50) of the user's team memberships, in team id order. */
    public Page<TeamMembership> teams(String userId) {
        return teams(userId, 50, null);
    }

    /**
     * {@code GET /v1/users/{id}/teams}: a page of the user's team memberships, in team id order; an
     * empty page for a user in no team. Joining and leaving are in {@link TeamsApi}.
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     */
    public Page<TeamMembership> teams(String userId, int limit, String cursor) {
        return Page.fetch(transport, authentication, user(userId) + "/teams", limit, cursor, TeamMembership.class);
    }

    /** Every team membership of the user in team id order, fetching pages of 100 as the stream is consumed. */
    public Stream<TeamMembership> teamsAll(String userId) {
        return Page.all(cursor -> teams(userId, RuleCalls.MAX_LIMIT, cursor));
    }

    /**
     * {@code POST /v1/users/{id}/quests/{key}/join} with a new idempotency key: joins an opt-in quest
     * (creating the user when new); the achievements the user holds count at once. Joining again, or
     * joining an automatic quest, changes nothing else and answers the user's standing. Refused with
     * nothing written: 404 {@code not_found} (no active quest), 409 {@code quest_ended} (its fixed
     * window has ended), 409 {@code not_joinable} (a team quest: every team takes part through its
     * members' events).
     */
    public QuestJoin joinQuest(String userId, String quest) {
        return joinQuest(userId, quest, null);
    }

    /** As {@link #joinQuest(String, String)} with your idempotency key (null: a new UUID). */
    public QuestJoin joinQuest(String userId, String quest, String idempotencyKey) {
        return transport.callIdempotent(authentication, "POST", questPath(userId, quest) + "/join", null,
                key(idempotencyKey), QuestJoin.class);
    }

    /**
     * {@code GET /v1/users/{id}/quests}: the user's standing in every active user quest, in key order, as
     * of now (team quests are {@link TeamsApi#quests(String)}), and the latest 20 windows that ended
     * (a team quest the user was paid for as a member included); 404 {@code not_found} for a user Ludus
     * does not know.
     */
    public UserQuests quests(String userId) {
        return transport.call(authentication, "GET", user(userId) + "/quests", null, UserQuests.class);
    }

    /** The first page (50) of the windows of the user's quests that ended, newest first. */
    public Page<QuestHistoryEntry> questHistory(String userId) {
        return questHistory(userId, null, 50, null);
    }

    /**
     * {@code GET /v1/users/{id}/quests/history}: a page of the windows of the user's quests that ended
     * (completed or expired), newest window first; archived quests too.
     *
     * @param quest only the windows of this quest; null: every quest's
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     */
    public Page<QuestHistoryEntry> questHistory(String userId, String quest, int limit, String cursor) {
        return transport.call(authentication, "GET", user(userId) + "/quests/history" + Paths.query("quest", quest,
                "limit", limit, "cursor", cursor), null, transport.json().getTypeFactory()
                .constructParametricType(Page.class, QuestHistoryEntry.class));
    }

    /** Every ended window of the user's quests (of {@code quest}; null: all), newest first, fetching pages of 100. */
    public Stream<QuestHistoryEntry> questHistoryAll(String userId, String quest) {
        return Page.all(cursor -> questHistory(userId, quest, RuleCalls.MAX_LIMIT, cursor));
    }

    private static String user(String userId) {
        return "/v1/users/" + Paths.segment(userId, "userId");
    }

    private static String points(String userId, String system) {
        return user(userId) + "/points/" + Paths.segment(system, "system");
    }

    private static String streakPath(String userId, String streak) {
        return user(userId) + "/streaks/" + Paths.segment(streak, "streak");
    }

    private static String questPath(String userId, String quest) {
        return user(userId) + "/quests/" + Paths.segment(quest, "quest");
    }

    private static String key(String idempotencyKey) {
        return idempotencyKey != null ? idempotencyKey : UUID.randomUUID().toString();
    }
}
