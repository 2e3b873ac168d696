package dev.ludus.rules;

import java.time.Instant;
import java.util.Optional;

/**
 * A rule as stored: its kind and key, the engine's record of it ({@link dev.ludus.engine.MetricRule},
 * {@link dev.ludus.engine.PointsSystem} or {@link dev.ludus.engine.Achievement}) and its history.
 */
public record StoredRule(RuleKind kind, String key, Object rule, Instant createdAt, Instant updatedAt,
        Optional<Instant> archivedAt) {

    public boolean archived() {
        return archivedAt.isPresent();
    }
}
