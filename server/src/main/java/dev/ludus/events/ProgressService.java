package dev.ludus.events;

import dev.ludus.engine.Achievement;
import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.Engine;
import dev.ludus.engine.Language;
import dev.ludus.engine.Level;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.Rules;
import dev.ludus.engine.StreakPeriod;
import dev.ludus.engine.StreakRule;
import dev.ludus.engine.StreakState;
import dev.ludus.engine.Streaks;
import dev.ludus.engine.UserState;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.kinds.AchievementStats;
import dev.ludus.profiles.Languages;
import dev.ludus.profiles.User;
import dev.ludus.profiles.UserStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Jdbi;

/** The reads of users' game state: profiles, progress, points history, and the catalog's statistics. */
public final class ProgressService implements AchievementStats {

    static final int RECENT_EVENTS = 20;
    /** How many of the newest entries of each points system {@link #effects} looks through. */
    static final int RECENT_LEDGER = 200;

    private final Jdbi jdbi;
    private final RuleService rules;
    private final UserStore users;
    private final StateStore state;
    private final EventService events;
    private final BiFunction<org.jdbi.v3.core.Handle, String, ZoneId> applicationZones;
    private final Clock clock;

    public ProgressService(Jdbi jdbi, RuleService rules, UserStore users, EventService events,
            dev.ludus.http.Json json, BiFunction<org.jdbi.v3.core.Handle, String, ZoneId> applicationZones,
            Clock clock) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.users = users;
        this.events = events;
        this.state = new StateStore(json);
        this.applicationZones = applicationZones;
        this.clock = clock;
    }

    public record MetricProgress(String key, String name, BigDecimal total) { }

    public record NextLevel(int number, String name, String imageUrl, long threshold, long remaining) { }

    /**
     * A user's standing in a points system; {@code season} and {@code nextExpiry} only for a system with
     * seasons or expiring points.
     */
    public record PointsProgress(String system, String name, long balance, Answers.LevelView level, NextLevel nextLevel,
            Answers.SeasonView season, NextExpiry nextExpiry) { }

    /** The points of a balance that expire first, and when. */
    public record NextExpiry(long points, Instant expiresAt) { }

    public record Target(BigDecimal current, BigDecimal target) { }

    public record AchievementProgress(String key, String name, String description, String imageUrl, boolean hidden,
            boolean unlocked, Instant unlockedAt, boolean backfilled, Target progress) { }

    public record ConditionProgress(String metric, BigDecimal value, BigDecimal threshold, boolean met) { }

    /**
     * A user's standing in a streak as of now: periods that ended since the last write are settled
     * here (a missed one consumes a freeze or ends the run), without writing anything.
     *
     * @param timezone the zone the current period is judged in
     * @param expiresAt when the run breaks if nothing more happens (null when no run is going)
     * @param atRisk a run is going and the current period is not met yet
     */
    public record StreakProgress(String key, String name, String period, String timezone, int current, int longest,
            int freezes, int maxFreezes, Instant periodStart, Instant periodEnd, boolean periodMet, boolean atRisk,
            Instant expiresAt, List<ConditionProgress> conditions) { }

    /** One settled period of a streak. */
    public record StreakPeriodView(Instant periodStart, Instant periodEnd, String firstDay, String timezone, String result,
            int length, Instant recordedAt) { }

    public record Progress(String userId, List<MetricProgress> metrics, List<PointsProgress> points,
            List<AchievementProgress> achievements, List<StreakProgress> streaks,
            List<Answers.EventView> recentEvents) { }

    public record HistoryEntry(long id, long amount, long balance, String source, String reference, String reason,
            Instant createdAt) { }

    public User user(String applicationId, String userId) {
        return jdbi.withHandle(handle -> users.find(handle, applicationId, userId))
                .orElseThrow(() -> ApiException.notFound("no user '" + userId + "'"));
    }

    /**
     * A user's standing in every active rule, named in their language, else one of
     * {@code acceptLanguage}, else the application's default; hidden achievements they lack only when
     * {@code showHidden}.
     */
    public Progress progress(String applicationId, String userId, boolean showHidden, Optional<String> acceptLanguage) {
        return jdbi.withHandle(handle -> {
            Language language = Languages.ofUser(handle, applicationId, userId, acceptLanguage)
                    .orElseThrow(() -> ApiException.notFound("no user '" + userId + "'"));
            Rules current = rules.rules(handle, applicationId);
            Instant now = clock.instant();
            // as of now: what time did since the user's last write (expiries, a season's end) shows already
            UserState user = Engine.expire(current, state.load(handle, applicationId, userId), now).state();
            List<MetricProgress> metrics = new ArrayList<>();
            for (MetricRule metric : new TreeMap<>(current.metrics()).values()) {
                metrics.add(new MetricProgress(metric.key(), metric.name().in(language),
                        user.total(metric.key()).toDecimal()));
            }
            List<PointsProgress> points = new ArrayList<>();
            for (PointsSystem system : new TreeMap<>(current.pointsSystems()).values()) {
                UserState.Balance held = user.balance(system.key());
                long balance = held.balance();
                Optional<Level> next = system.nextLevel(balance);
                points.add(new PointsProgress(system.key(), system.name().in(language), balance,
                        Answers.LevelView.of(system.levelAt(balance), language),
                        next.map(level -> new NextLevel(system.levels().indexOf(level) + 1, level.name().in(language),
                                level.imageUrl().orElse(null), level.threshold(), level.threshold() - balance))
                                .orElse(null),
                        system.season().map(season -> Answers.SeasonView.of(season.at(now)))
                                .orElse(null),
                        held.lots().isEmpty() ? null
                                : new NextExpiry(held.lots().getFirst().points(), held.lots().getFirst().expiresAt())));
            }
            List<AchievementProgress> achievements = new ArrayList<>();
            for (Achievement achievement : new TreeMap<>(current.achievements()).values()) {
                UserState.Unlock unlock = user.unlocked().get(achievement.key());
                if (achievement.hidden() && unlock == null && !showHidden) {
                    continue;
                }
                achievements.add(new AchievementProgress(achievement.key(), achievement.name().in(language),
                        achievement.description().map(text -> text.in(language)).orElse(null),
                        achievement.imageUrl().orElse(null), achievement.hidden(), unlock != null,
                        unlock == null ? null : unlock.at(), unlock != null && unlock.backfilled(),
                        target(achievement, user)));
            }
            List<Answers.EventView> recent = state.recentEvents(handle, applicationId, userId, RECENT_EVENTS).stream()
                    .map(Answers.EventView::of).toList();
            return new Progress(userId, metrics, points, achievements,
                    streaks(handle, applicationId, userId, current, user, List.copyOf(current.streaks().keySet()),
                            language),
                    recent);
        });
    }

    /** A user's standing in every active streak, or in the one named {@code only}. */
    public List<StreakProgress> streaks(String applicationId, String userId, Optional<String> only,
            Optional<String> acceptLanguage) {
        return jdbi.withHandle(handle -> {
            Rules current = rules.rules(handle, applicationId);
            only.ifPresent(key -> current.streak(key)
                    .orElseThrow(() -> ApiException.notFound("no active streak '" + key + "'")));
            Language language = Languages.ofUser(handle, applicationId, userId, acceptLanguage)
                    .orElseThrow(() -> ApiException.notFound("no user '" + userId + "'"));
            UserState user = state.load(handle, applicationId, userId);
            return streaks(handle, applicationId, userId, current, user,
                    only.map(List::of).orElseGet(() -> List.copyOf(current.streaks().keySet())), language);
        });
    }

    /** A page of the settled periods of a user's streak, newest first. */
    public PageRequest.Page<StreakPeriodView> streakHistory(String applicationId, String userId, String streak,
            PageRequest page) {
        rules.get(applicationId, dev.ludus.rules.kinds.StreakKind.KIND, streak);
        long before = cursor(page);
        return page.page(jdbi.withHandle(handle -> {
            if (!users.exists(handle, applicationId, userId)) {
                throw ApiException.notFound("no user '" + userId + "'");
            }
            return state.streakPeriods(handle, applicationId, userId, streak, before, page.limit() + 1).stream()
                    .map(period -> new StreakPeriodView(period.start(), period.end(), period.firstDay(), period.zone(),
                            period.result(), period.length(), period.recordedAt()))
                    .toList();
        }), period -> Long.toString(period.periodStart().toEpochMilli()));
    }

    private List<StreakProgress> streaks(org.jdbi.v3.core.Handle handle, String applicationId, String userId,
            Rules current, UserState user, List<String> keys, Language language) {
        if (keys.isEmpty()) {
            return List.of();
        }
        ZoneId zone = users.timezone(handle, applicationId, userId).map(ZoneId::of)
                .orElseGet(() -> applicationZones.apply(handle, applicationId));
        Instant now = clock.instant();
        List<StreakProgress> views = new ArrayList<>();
        for (String key : new java.util.TreeSet<>(keys)) {
            StreakRule rule = current.streak(key).orElseThrow();
            StreakState settled = Streaks.advance(rule, user.streak(rule), now, zone, new ArrayList<>());
            StreakPeriod period = settled.period()
                    .orElseGet(() -> StreakPeriod.containing(now, zone, rule.length(), rule.weekStart()));
            List<ConditionProgress> conditions = rule.conditions().stream().map(condition -> {
                dev.ludus.engine.Amount value = settled.totals().getOrDefault(condition.metric(),
                        dev.ludus.engine.Amount.ZERO);
                return new ConditionProgress(condition.metric(), value.toDecimal(), condition.threshold().toDecimal(),
                        value.compareTo(condition.threshold()) >= 0);
            }).toList();
            views.add(new StreakProgress(rule.key(), rule.name().in(language), dev.ludus.rules.kinds.StreakKind.wireName(rule.length()),
                    period.zone().getId(), settled.current(), settled.longest(), settled.freezes(), rule.freezes().max(),
                    period.start(), period.end(), settled.periodMet(), Streaks.atRisk(settled),
                    Streaks.expiresAt(rule, settled, zone).orElse(null), conditions));
        }
        return views;
    }

    /** A page of a user's points history in one system, newest first. */
    public PageRequest.Page<HistoryEntry> history(String applicationId, String userId, String system, PageRequest page) {
        rules.get(applicationId, dev.ludus.rules.kinds.PointsSystemKind.KIND, system);
        long before = cursor(page);
        return page.page(jdbi.withHandle(handle -> {
            if (!users.exists(handle, applicationId, userId)) {
                throw ApiException.notFound("no user '" + userId + "'");
            }
            return state.ledger(handle, applicationId, userId, system, before, page.limit() + 1).stream()
                    .map(entry -> new HistoryEntry(entry.id(), entry.amount(), entry.balance(), entry.source(),
                            entry.reference(), entry.reason(), entry.createdAt()))
                    .toList();
        }), entry -> Long.toString(entry.id()));
    }

    /** Points that one event moved in one system. */
    public record PointsMoved(String system, long amount, long balance) { }

    /**
     * What one event changed.
     *
     * @param points the entries of the points history the event caused, by system
     * @param unlocked the achievements unlocked at the instant the event was received, when no other
     *     recent event was received at that instant (an unlock does not name its event)
     */
    public record EventEffects(List<PointsMoved> points, List<String> unlocked) { }

    /**
     * What each of the user's recent events ({@code progress.recentEvents()}) changed, by event id: the
     * points history entries that name the event (looked for among the newest {@value #RECENT_LEDGER}
     * entries of each active points system), and the achievements unlocked when it was received.
     */
    public Map<String, EventEffects> effects(String applicationId, Progress progress) {
        Map<Instant, List<String>> unlockedAt = new java.util.HashMap<>();
        progress.achievements().stream().filter(a -> a.unlocked() && !a.backfilled())
                .forEach(a -> unlockedAt.computeIfAbsent(a.unlockedAt(), at -> new ArrayList<>()).add(a.name()));
        Map<String, List<PointsMoved>> moved = new java.util.HashMap<>();
        Set<String> ids = new java.util.HashSet<>();
        progress.recentEvents().forEach(event -> ids.add(event.id()));
        jdbi.useHandle(handle -> {
            for (PointsProgress system : progress.points()) {
                for (StateStore.LedgerEntry entry : state.ledger(handle, applicationId, progress.userId(),
                        system.system(), Long.MAX_VALUE, RECENT_LEDGER)) {
                    if (entry.source().equals("event") && ids.contains(entry.reference())) {
                        moved.computeIfAbsent(entry.reference(), id -> new ArrayList<>())
                                .add(new PointsMoved(system.system(), entry.amount(), entry.balance()));
                    }
                }
            }
        });
        Map<Instant, Long> received = new java.util.HashMap<>();
        progress.recentEvents().forEach(event -> received.merge(event.receivedAt(), 1L, Long::sum));
        Map<String, EventEffects> effects = new java.util.HashMap<>();
        for (Answers.EventView event : progress.recentEvents()) {
            boolean alone = received.get(event.receivedAt()) == 1;
            effects.put(event.id(), new EventEffects(moved.getOrDefault(event.id(), List.of()),
                    alone ? unlockedAt.getOrDefault(event.receivedAt(), List.of()) : List.of()));
        }
        return effects;
    }

    @Override
    public Map<String, Long> completions(String applicationId) {
        return jdbi.withHandle(handle -> state.completions(handle, applicationId));
    }

    @Override
    public long users(String applicationId) {
        return jdbi.withHandle(handle -> users.count(handle, applicationId));
    }

    @Override
    public Set<String> unlockedBy(String applicationId, String userId) {
        return jdbi.withHandle(handle -> state.load(handle, applicationId, userId)).unlocked().keySet();
    }

    @Override
    public int backfill(String applicationId, String achievement) {
        return events.backfill(applicationId, achievement);
    }

    @Override
    public int qualifying(String applicationId, Achievement achievement) {
        return jdbi.withHandle(handle -> state.usersQualifying(handle, applicationId, achievement)).size();
    }

    /** The numeric cursor of a page: entries before it come next. */
    private static long cursor(PageRequest page) {
        try {
            return page.after().map(Long::parseLong).orElse(Long.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
    }

    private static Target target(Achievement achievement, UserState user) {
        return switch (achievement.criterion()) {
            case Criterion.MetricTotal total -> new Target(user.total(total.metric()).toDecimal(),
                    total.threshold().toDecimal());
            case Criterion.AllOf all -> new Target(BigDecimal.valueOf(all.prerequisites().stream()
                    .filter(user.unlocked()::containsKey).count()), BigDecimal.valueOf(all.prerequisites().size()));
            case Criterion.StreakLength streak -> new Target(BigDecimal.valueOf(Math.min(streak.length(),
                    user.streaks().containsKey(streak.streak()) ? user.streaks().get(streak.streak()).longest() : 0)),
                    BigDecimal.valueOf(streak.length()));
            case Criterion.ApiCall api -> null;
        };
    }
}
