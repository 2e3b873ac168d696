package dev.ludus.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The active rules of one application at one version: metrics, points systems, achievements, streaks
 * and quests by key. Archived rules are not here.
 */
public record Rules(long version, Map<String, MetricRule> metrics, Map<String, PointsSystem> pointsSystems,
        Map<String, Achievement> achievements, Map<String, StreakRule> streaks, Map<String, Quest> quests) {

    public static final Rules NONE = new Rules(0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public Rules {
        metrics = Map.copyOf(metrics);
        pointsSystems = Map.copyOf(pointsSystems);
        achievements = Map.copyOf(achievements);
        streaks = Map.copyOf(streaks);
        quests = Map.copyOf(quests);
    }

    /** Rules without streaks, from lists. */
    public static Rules of(long version, Collection<MetricRule> metrics, Collection<PointsSystem> systems,
            Collection<Achievement> achievements) {
        return of(version, metrics, systems, achievements, List.of());
    }

    /** Rules without quests, from lists. */
    public static Rules of(long version, Collection<MetricRule> metrics, Collection<PointsSystem> systems,
            Collection<Achievement> achievements, Collection<StreakRule> streaks) {
        return of(version, metrics, systems, achievements, streaks, List.of());
    }

    /** Rules from lists, keyed by their keys. */
    public static Rules of(long version, Collection<MetricRule> metrics, Collection<PointsSystem> systems,
            Collection<Achievement> achievements, Collection<StreakRule> streaks, Collection<Quest> quests) {
        Map<String, MetricRule> metricMap = new LinkedHashMap<>();
        metrics.forEach(metric -> metricMap.put(metric.key(), metric));
        Map<String, PointsSystem> systemMap = new LinkedHashMap<>();
        systems.forEach(system -> systemMap.put(system.key(), system));
        Map<String, Achievement> achievementMap = new LinkedHashMap<>();
        achievements.forEach(achievement -> achievementMap.put(achievement.key(), achievement));
        Map<String, StreakRule> streakMap = new LinkedHashMap<>();
        streaks.forEach(streak -> streakMap.put(streak.key(), streak));
        Map<String, Quest> questMap = new LinkedHashMap<>();
        quests.forEach(quest -> questMap.put(quest.key(), quest));
        return new Rules(version, metricMap, systemMap, achievementMap, streakMap, questMap);
    }

    /**
     * Rules from the active rules of every kind: the engine's own (metrics, points systems, achievements,
     * streaks, quests) are kept by key, the rest are not the engine's and are left out.
     */
    public static Rules from(long version, Collection<?> rules) {
        List<MetricRule> metrics = new ArrayList<>();
        List<PointsSystem> systems = new ArrayList<>();
        List<Achievement> achievements = new ArrayList<>();
        List<StreakRule> streaks = new ArrayList<>();
        List<Quest> quests = new ArrayList<>();
        for (Object rule : rules) {
            switch (rule) {
                case MetricRule metric -> metrics.add(metric);
                case PointsSystem system -> systems.add(system);
                case Achievement achievement -> achievements.add(achievement);
                case StreakRule streak -> streaks.add(streak);
                case Quest quest -> quests.add(quest);
                default -> { }
            }
        }
        return of(version, metrics, systems, achievements, streaks, quests);
    }

    public Optional<MetricRule> metric(String key) {
        return Optional.ofNullable(metrics.get(key));
    }

    public Optional<PointsSystem> pointsSystem(String key) {
        return Optional.ofNullable(pointsSystems.get(key));
    }

    public Optional<Achievement> achievement(String key) {
        return Optional.ofNullable(achievements.get(key));
    }

    public Optional<StreakRule> streak(String key) {
        return Optional.ofNullable(streaks.get(key));
    }

    public Optional<Quest> quest(String key) {
        return Optional.ofNullable(quests.get(key));
    }

    /** True when a quest has daily or weekly windows, judged in each user's timezone. */
    public boolean hasRecurringQuests() {
        return quests.values().stream().anyMatch(Quest::recurring);
    }

    /** True when a points system caps what events earn per period (judged in the user's timezone). */
    public boolean hasEarningCaps() {
        return pointsSystems.values().stream().anyMatch(system -> !system.caps().isEmpty());
    }
}
