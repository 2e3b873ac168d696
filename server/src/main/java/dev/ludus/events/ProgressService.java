package dev.ludus.events;

import dev.ludus.engine.Achievement;
import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.Level;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.Rules;
import dev.ludus.engine.UserState;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.rules.AchievementStats;
import dev.ludus.rules.RuleService;
import dev.ludus.users.User;
import dev.ludus.users.UserStore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/** The reads of users' game state: profiles, progress, points history, and the catalog's statistics. */
public final class ProgressService implements AchievementStats {

    static final int RECENT_EVENTS = 20;

    private final Jdbi jdbi;
    private final RuleService rules;
    private final UserStore users;
    private final StateStore state;
    private final EventService events;

    public ProgressService(Jdbi jdbi, RuleService rules, UserStore users, EventService events,
            dev.ludus.http.Json json) {
        this.jdbi = jdbi;
        this.rules = rules;
        this.users = users;
        this.events = events;
        this.state = new StateStore(json);
    }

    record MetricProgress(String key, String name, BigDecimal total) { }

    record NextLevel(int number, String name, long threshold, long remaining) { }

    record PointsProgress(String system, String name, long balance, Answers.LevelView level, NextLevel nextLevel) { }

    record Target(BigDecimal current, BigDecimal target) { }

    record AchievementProgress(String key, String name, boolean hidden, boolean unlocked, Instant unlockedAt,
            boolean backfilled, Target progress) { }

    record Progress(String userId, List<MetricProgress> metrics, List<PointsProgress> points,
            List<AchievementProgress> achievements, List<Answers.EventView> recentEvents) { }

    record HistoryEntry(long id, long amount, long balance, String source, String reference, String reason,
            Instant createdAt) { }

    public User user(String applicationId, String userId) {
        return jdbi.withHandle(handle -> users.find(handle, applicationId, userId))
                .orElseThrow(() -> ApiException.notFound("no user '" + userId + "'"));
    }

    /** A user's standing in every active rule; hidden achievements they lack only when {@code showHidden}. */
    public Progress progress(String applicationId, String userId, boolean showHidden) {
        return jdbi.withHandle(handle -> {
            if (!users.exists(handle, applicationId, userId)) {
                throw ApiException.notFound("no user '" + userId + "'");
            }
            Rules current = rules.rules(handle, applicationId);
            UserState user = state.load(handle, applicationId, userId);
            List<MetricProgress> metrics = new ArrayList<>();
            for (MetricRule metric : new TreeMap<>(current.metrics()).values()) {
                metrics.add(new MetricProgress(metric.key(), metric.name(), user.total(metric.key()).toDecimal()));
            }
            List<PointsProgress> points = new ArrayList<>();
            for (PointsSystem system : new TreeMap<>(current.pointsSystems()).values()) {
                long balance = user.balance(system.key()).balance();
                Optional<Level> next = system.nextLevel(balance);
                points.add(new PointsProgress(system.key(), system.name(), balance,
                        Answers.LevelView.of(system.levelAt(balance)),
                        next.map(level -> new NextLevel(system.levels().indexOf(level) + 1, level.name(),
                                level.threshold(), level.threshold() - balance)).orElse(null)));
            }
            List<AchievementProgress> achievements = new ArrayList<>();
            for (Achievement achievement : new TreeMap<>(current.achievements()).values()) {
                UserState.Unlock unlock = user.unlocked().get(achievement.key());
                if (achievement.hidden() && unlock == null && !showHidden) {
                    continue;
                }
                achievements.add(new AchievementProgress(achievement.key(), achievement.name(), achievement.hidden(),
                        unlock != null, unlock == null ? null : unlock.at(), unlock != null && unlock.backfilled(),
                        target(achievement, user)));
            }
            List<Answers.EventView> recent = state.recentEvents(handle, applicationId, userId, RECENT_EVENTS).stream()
                    .map(Answers.EventView::of).toList();
            return new Progress(userId, metrics, points, achievements, recent);
        });
    }

    /** A page of a user's points history in one system, newest first. */
    public PageRequest.Page<HistoryEntry> history(String applicationId, String userId, String system, PageRequest page) {
        rules.get(applicationId, dev.ludus.rules.RuleKind.POINTS_SYSTEM, system);
        long before;
        try {
            before = page.after().map(Long::parseLong).orElse(Long.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "'cursor' is not a cursor this list gave out");
        }
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

    private static Target target(Achievement achievement, UserState user) {
        return switch (achievement.criterion()) {
            case Criterion.MetricTotal total -> new Target(user.total(total.metric()).toDecimal(),
                    total.threshold().toDecimal());
            case Criterion.AllOf all -> new Target(BigDecimal.valueOf(all.prerequisites().stream()
                    .filter(user.unlocked()::containsKey).count()), BigDecimal.valueOf(all.prerequisites().size()));
            case Criterion.ApiCall api -> null;
        };
    }
}
