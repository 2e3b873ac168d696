package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * What unlocks an achievement: a metric total reaching a threshold ({@link MetricThreshold}), the
 * longest run in a streak reaching a length ({@link StreakLength}), the application through the API
 * ({@link Api}), or holding every prerequisite ({@link Composite}). Sent and read as JSON with
 * {@code "type"} {@code metric}, {@code streak}, {@code api} or {@code composite}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = AchievementTrigger.MetricThreshold.class, name = "metric"),
        @JsonSubTypes.Type(value = AchievementTrigger.StreakLength.class, name = "streak"),
        @JsonSubTypes.Type(value = AchievementTrigger.Api.class, name = "api"),
        @JsonSubTypes.Type(value = AchievementTrigger.Composite.class, name = "composite")})
public sealed interface AchievementTrigger
        permits AchievementTrigger.MetricThreshold, AchievementTrigger.StreakLength, AchievementTrigger.Api,
        AchievementTrigger.Composite {

    /** Unlocks when the user's total of {@code metric} is at least {@code threshold}. */
    static MetricThreshold metric(String metric, BigDecimal threshold) {
        return new MetricThreshold(metric, threshold);
    }

    /** Unlocks when the user's longest run in {@code streak} reaches {@code length} periods. */
    static StreakLength streak(String streak, int length) {
        return new StreakLength(streak, length);
    }

    /** Unlocks only through {@code POST /v1/users/{id}/achievements/{key}/complete}. */
    static Api api() {
        return new Api();
    }

    /** Unlocks when the user holds every one of these achievements. */
    static Composite composite(String... prerequisites) {
        return new Composite(List.of(prerequisites));
    }

    /** @param threshold an exact decimal above 0, at most 6 decimal places */
    record MetricThreshold(String metric, BigDecimal threshold) implements AchievementTrigger {

        public MetricThreshold {
            Objects.requireNonNull(metric, "metric");
            Objects.requireNonNull(threshold, "threshold");
        }
    }

    /**
     * The user's longest run in {@code streak} reaching {@code length}; cannot be completed through the
     * API (409 {@code not_completable}).
     *
     * @param length 1 to 10,000 periods
     */
    record StreakLength(String streak, int length) implements AchievementTrigger {

        public StreakLength {
            Objects.requireNonNull(streak, "streak");
        }
    }

    /** Completed by the application: {@link UsersApi#completeAchievement}. */
    record Api() implements AchievementTrigger { }

    /** @param prerequisites 1 to 20 achievement keys */
    record Composite(List<String> prerequisites) implements AchievementTrigger {

        public Composite {
            prerequisites = List.copyOf(prerequisites);
        }
    }
}
