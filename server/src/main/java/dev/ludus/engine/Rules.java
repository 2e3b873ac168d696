package dev.ludus.engine;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The active rules of one application at one version: metrics, points systems and achievements by
 * key. Archived rules are not here.
 */
public record Rules(long version, Map<String, MetricRule> metrics, Map<String, PointsSystem> pointsSystems,
        Map<String, Achievement> achievements) {

    public static final Rules NONE = new Rules(0, Map.of(), Map.of(), Map.of());

    public Rules {
        metrics = Map.copyOf(metrics);
        pointsSystems = Map.copyOf(pointsSystems);
        achievements = Map.copyOf(achievements);
    }

    /** Rules from lists, keyed by their keys. */
    public static Rules of(long version, Collection<MetricRule> metrics, Collection<PointsSystem> systems,
            Collection<Achievement> achievements) {
        Map<String, MetricRule> metricMap = new LinkedHashMap<>();
        metrics.forEach(metric -> metricMap.put(metric.key(), metric));
        Map<String, PointsSystem> systemMap = new LinkedHashMap<>();
        systems.forEach(system -> systemMap.put(system.key(), system));
        Map<String, Achievement> achievementMap = new LinkedHashMap<>();
        achievements.forEach(achievement -> achievementMap.put(achievement.key(), achievement));
        return new Rules(version, metricMap, systemMap, achievementMap);
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
}
