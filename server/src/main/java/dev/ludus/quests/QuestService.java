package dev.ludus.quests;

import dev.ludus.engine.Amount;
import dev.ludus.engine.Change;
import dev.ludus.engine.Engine;
import dev.ludus.engine.Language;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Quest;
import dev.ludus.engine.QuestState;
import dev.ludus.engine.Quests;
import dev.ludus.engine.Rules;
import dev.ludus.events.Answers;
import dev.ludus.events.EventService;
import dev.ludus.events.QuestStateCodec;
import dev.ludus.events.Reply;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.PageRequest;
import dev.ludus.profiles.Languages;
import dev.ludus.profiles.UserStore;
import dev.ludus.rules.RuleService;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Users' quests: joining one (a write of the user's state through {@link EventService#write}, in the
 * user's partition, idempotent by key), each user's standing in every active quest, and the history of
 * the windows that ended. Progress itself is counted by the engine as events arrive.
 */
public final class QuestService {

    /** How many ended windows {@code GET /v1/users/{id}/quests} shows; the history route pages through all. */
    static final int RECENT_HISTORY = 20;

    private final Jdbi jdbi;
    private final EventService events;
    private final RuleService rules;
    private final UserStore users;
    private final QuestStateCodec codec;
    private final BiFunction<Handle, String, ZoneId> applicationZones;
    private final Clock clock;

    public QuestService(Jdbi jdbi, EventService events, RuleService rules, UserStore users, Json json,
            BiFunction<Handle, String, ZoneId> applicationZones, Clock clock) {
        this.jdbi = jdbi;
        this.events = events;
        this.rules = rules;
        this.users = users;
        this.codec = new QuestStateCodec(json);
        this.applicationZones = applicationZones;
        this.clock = clock;
    }

    /** One step of a quest as a user stands in it; {@code metric} and {@code total} or {@code achievement}. */
    public record StepView(String key, String metric, String achievement, BigDecimal progress, BigDecimal total,
            boolean completed, Instant completedAt) { }

    /**
     * A user's standing in one quest, in its current window (or the fixed window, before and after it).
     *
     * @param status {@code not_joined} (opt-in, not joined), {@code upcoming} (a fixed window not started),
     *     {@code active}, {@code completed}, {@code expired} (ended unfinished), {@code ended} (a fixed window
     *     that ended without the user taking part)
     */
    public record QuestView(String key, String name, String description, String imageUrl, String enrollment,
            String order,
            String status, boolean joined, Instant joinedAt, Instant windowStart, Instant windowEnd, int stepsDone,
            int stepsTotal, List<StepView> steps, Instant completedAt, Answers.PrizeView reward) { }

    /** A window that ended: {@code completed} or {@code expired}. */
    public record HistoryView(String quest, Instant windowStart, Instant windowEnd, String status, int stepsDone,
            int stepsTotal, Instant completedAt, Instant recordedAt) { }

    /** {@code GET /v1/users/{id}/quests}. */
    public record UserQuests(String userId, List<QuestView> quests, List<HistoryView> history) { }

    /**
     * The answer of a join: the user's standing, and what the join moved (achievement steps the user
     * already meets, a prize paid).
     */
    public record JoinAnswer(String userId, QuestView quest, List<Answers.QuestChangeView> changes,
            List<Answers.PointsView> points, List<Answers.UnlockView> achievements,
            List<Answers.LevelChangeView> levels, boolean idempotentReplayed) { }

    /**
     * Joins {@code userId} to {@code questKey} (creating the user when new): 201 when the user joined
     * now, 200 when already joined or the quest is automatic; 404 for an unknown quest, 409
     * {@code quest_ended} when its fixed window has ended. Achievements the user holds count at once.
     */
    public Reply join(String applicationId, String userId, String questKey, Optional<String> idempotencyKey,
            Optional<String> acceptLanguage) {
        return events.write(applicationId, userId, idempotencyKey, "quest.join",
                Map.of("user_id", userId, "quest", questKey), acceptLanguage, work -> {
                    Rules current = work.rules();
                    Quest quest = current.quest(questKey).orElseThrow(() ->
                            ApiException.notFound("no active quest '" + questKey + "'"));
                    ZoneId zone = quest.recurring() ? work.zone() : java.time.ZoneOffset.UTC;
                    Change change = Engine.joinQuest(current, work.state(), questKey, zone, work.now());
                    boolean joinedNow = quest.optIn() && work.state().quest(questKey).joinedAt().isEmpty();
                    work.persist(change, Optional.of("joined quest '" + questKey + "'"));
                    Language language = work.language();
                    QuestView view = view(quest, change.state().quest(questKey), zone, work.now(), language);
                    return work.reply(joinedNow ? 201 : 200, new JoinAnswer(userId, view,
                            change.outcomes(Outcome.QuestChanged.class).stream()
                                    .map(changed -> Answers.QuestChangeView.of(current, changed.change(), language))
                                    .toList(),
                            Answers.points(change), Answers.unlocks(current, change, language),
                            Answers.levels(change, language), false));
                });
    }

    /**
     * A user's standing in every active quest of their own (team quests are the teams'), and the latest
     * windows that ended; 404 for an unknown user.
     */
    public UserQuests ofUser(String applicationId, String userId, Optional<String> acceptLanguage) {
        return jdbi.withHandle(handle -> {
            Language language = Languages.ofUser(handle, applicationId, userId, acceptLanguage)
                    .orElseThrow(() -> ApiException.notFound("no user '" + userId + "'"));
            Rules current = rules.rules(handle, applicationId);
            Map<String, QuestState> states = states(handle, applicationId, userId);
            ZoneId zone = current.hasRecurringQuests() ? zone(handle, applicationId, userId) : java.time.ZoneOffset.UTC;
            Instant now = clock.instant();
            List<QuestView> views = new ArrayList<>();
            for (Quest quest : new TreeMap<>(current.quests()).values()) {
                if (quest.team()) {
                    continue;
                }
                views.add(view(quest, states.getOrDefault(quest.key(), QuestState.NONE), zone, now, language));
            }
            return new UserQuests(userId, views, history(handle, applicationId, userId, Optional.empty(),
                    Long.MAX_VALUE, "", RECENT_HISTORY));
        });
    }

    /** A page of the windows of a user's quests (or of one quest) that ended, newest first. */
    public PageRequest.Page<HistoryView> history(String applicationId, String userId, Optional<String> quest,
            PageRequest page) {
        long before = page.after().map(QuestService::cursorStart).orElse(Long.MAX_VALUE);
        String beforeQuest = page.after().map(cursor -> cursor.substring(cursor.indexOf(':') + 1)).orElse("");
        return page.page(jdbi.withHandle(handle -> {
            if (!users.exists(handle, applicationId, userId)) {
                throw ApiException.notFound("no user '" + userId + "'");
            }
            return history(handle, applicationId, userId, quest, before, beforeQuest, page.limit() + 1);
        }), entry -> entry.windowStart().toEpochMilli() + ":" + entry.quest());
    }

    private static long cursorStart(String cursor) {
        try {
            return Long.parseLong(cursor.substring(0, Math.max(0, cursor.indexOf(':'))));
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("cursor", "'cursor' is not one this list gave out");
        }
    }

    /**
     * The user's standing in {@code quest} at {@code now}: the stored window settled as of now, or the
     * window now falls in with nothing counted yet.
     */
    static QuestView view(Quest quest, QuestState stored, ZoneId zone, Instant now, Language language) {
        QuestState settled = Quests.settle(quest, stored, now, new ArrayList<>());
        Optional<Quest.Span> window = quest.window() instanceof Quest.Fixed fixed
                ? Optional.of(new Quest.Span(fixed.startsAt(), fixed.endsAt())) : quest.windowAt(now, zone);
        boolean counted = settled.window().isPresent() && settled.window().equals(window);
        QuestState shown = counted ? settled : new QuestState(settled.joinedAt(), window, Map.of(), Map.of(),
                QuestState.Status.ACTIVE);
        String status;
        if (counted) {
            status = shown.status().name().toLowerCase(Locale.ROOT);
        } else if (quest.endedAt(now)) {
            status = "ended";
        } else if (!Quests.enrolled(quest, settled)) {
            status = "not_joined";
        } else if (window.filter(span -> now.isBefore(span.start())).isPresent()) {
            status = "upcoming";
        } else {
            status = "active";
        }
        List<StepView> steps = new ArrayList<>();
        for (Quest.Step step : quest.steps()) {
            Instant done = shown.stepsDone().get(step.key());
            steps.add(switch (step) {
                case Quest.MetricStep metric -> new StepView(step.key(), metric.metric(), null,
                        shown.progress(step.key()).toDecimal(), metric.total().toDecimal(), done != null, done);
                case Quest.AchievementStep achievement -> new StepView(step.key(), null, achievement.achievement(),
                        null, null, done != null, done);
            });
        }
        Instant completedAt = shown.status() == QuestState.Status.COMPLETED
                ? shown.stepsDone().values().stream().max(Instant::compareTo).orElse(null) : null;
        return new QuestView(quest.key(), quest.name().in(language),
                quest.description().map(text -> text.in(language)).orElse(null), quest.imageUrl().orElse(null),
                quest.optIn() ? "opt_in" : "automatic", quest.ordered() ? "ordered" : "any", status,
                settled.joinedAt().isPresent(), settled.joinedAt().orElse(null),
                window.map(Quest.Span::start).orElse(null), window.map(Quest.Span::end).orElse(null),
                Quests.done(quest, shown), quest.steps().size(), steps, completedAt,
                Answers.PrizeView.of(quest.prize()));
    }

    private Map<String, QuestState> states(Handle handle, String applicationId, String userId) {
        Map<String, QuestState> states = new HashMap<>();
        handle.createQuery("SELECT quest, state FROM user_quests WHERE application_id = :application_id "
                        + "AND user_id = :user_id")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .map((rs, ctx) -> states.put(rs.getString("quest"), codec.read(rs.getString("state"))))
                .list();
        return states;
    }

    private ZoneId zone(Handle handle, String applicationId, String userId) {
        return users.timezone(handle, applicationId, userId).map(ZoneId::of)
                .orElseGet(() -> applicationZones.apply(handle, applicationId));
    }

    private static List<HistoryView> history(Handle handle, String applicationId, String userId, Optional<String> quest,
            long before, String beforeQuest, int count) {
        return handle.createQuery("""
                SELECT * FROM quest_history WHERE application_id = :application_id AND user_id = :user_id
                    AND (:quest = '' OR quest = :quest)
                    AND (window_start < :before OR (window_start = :before AND quest < :before_quest))
                ORDER BY window_start DESC, quest DESC LIMIT :count""")
                .bind("application_id", applicationId)
                .bind("user_id", userId)
                .bind("quest", quest.orElse(""))
                .bind("before", before)
                .bind("before_quest", beforeQuest.isEmpty() ? "\uffff" : beforeQuest)
                .bind("count", count)
                .map((rs, ctx) -> {
                    long at = rs.getLong("completed_at");
                    Instant completed = rs.wasNull() ? null : Instant.ofEpochMilli(at);
                    return new HistoryView(rs.getString("quest"), Instant.ofEpochMilli(rs.getLong("window_start")),
                            Instant.ofEpochMilli(rs.getLong("window_end")), rs.getString("status"),
                            rs.getInt("steps_done"), rs.getInt("steps"),
                            completed,
                            Instant.ofEpochMilli(rs.getLong("recorded_at")));
                })
                .list();
    }
}
