package dev.ludus.events;

import dev.ludus.engine.Achievement;
import dev.ludus.engine.Change;
import dev.ludus.engine.Level;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Rules;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON shapes of write answers, built from the engine's outcomes. */
final class Answers {

    private Answers() { }

    record EventView(String id, String userId, String metric, BigDecimal value, Instant occurredAt, Instant receivedAt,
            Map<String, String> attributes) {
        static EventView of(StateStore.StoredEvent event) {
            return new EventView(event.id(), event.userId(), event.metric(), event.value().toDecimal(),
                    event.occurredAt(), event.receivedAt(), new java.util.TreeMap<>(event.attributes()));
        }
    }

    record MetricView(String key, BigDecimal total) { }

    record PointsView(String system, long awarded, long balance, boolean capped) { }

    record LevelView(int number, String name) {
        static LevelView of(Optional<Level.Reached> level) {
            return level.map(reached -> new LevelView(reached.number(), reached.name())).orElse(null);
        }
    }

    record LevelChangeView(String system, LevelView previous, LevelView current) { }

    record RewardView(String system, long points) { }

    record UnlockView(String key, String name, Instant unlockedAt, boolean backfilled, RewardView reward) { }

    /** The answer of {@code POST /v1/events}. */
    record EventAnswer(EventView event, MetricView metric, List<PointsView> points, List<LevelChangeView> levels,
            List<UnlockView> achievements, List<Object> streaks, List<?> leaderboards,
            boolean idempotentReplayed) { }

    /** The answer of a points adjustment. */
    record AdjustAnswer(String userId, String system, long amount, long balance, boolean capped, String reason,
            LevelView level, List<LevelChangeView> levels, boolean idempotentReplayed) { }

    /** The answer of an API completion. */
    record CompleteAnswer(String userId, String achievement, boolean alreadyUnlocked, List<UnlockView> achievements,
            List<PointsView> points, List<LevelChangeView> levels, boolean idempotentReplayed) { }

    /** Points changes summed per system: what was awarded in all, the final balance, whether capped. */
    static List<PointsView> points(Change change) {
        Map<String, PointsView> bySystem = new LinkedHashMap<>();
        for (Outcome.PointsChanged points : change.outcomes(Outcome.PointsChanged.class)) {
            PointsView prior = bySystem.get(points.system());
            long awarded = (prior == null ? 0 : prior.awarded()) + points.amount();
            boolean capped = (prior != null && prior.capped()) || points.capped();
            bySystem.put(points.system(), new PointsView(points.system(), awarded, points.balance(), capped));
        }
        return new ArrayList<>(bySystem.values());
    }

    static List<LevelChangeView> levels(Change change) {
        return change.outcomes(Outcome.LevelChanged.class).stream()
                .map(level -> new LevelChangeView(level.system(), LevelView.of(level.previous()),
                        LevelView.of(level.current())))
                .toList();
    }

    static List<UnlockView> unlocks(Rules rules, Change change) {
        return change.outcomes(Outcome.AchievementUnlocked.class).stream()
                .map(unlock -> new UnlockView(unlock.key(),
                        rules.achievement(unlock.key()).map(Achievement::name).orElse(unlock.key()), unlock.at(),
                        unlock.backfilled(),
                        unlock.reward().map(reward -> new RewardView(reward.system(), reward.points())).orElse(null)))
                .toList();
    }
}
