package dev.ludus.client;

import java.util.Objects;

/**
 * An achievement as {@code PUT /v1/achievements/{key}} takes it. The {@code PUT} replaces the whole
 * definition; a null member takes its default. Build one with {@link #builder(AchievementTrigger)}:
 *
 * <pre>{@code
 * AchievementDefinition marathon = AchievementDefinition.builder(
 *                 AchievementTrigger.metric("distance_km", new BigDecimal("42.195")))
 *         .name("Marathon")
 *         .reward("coins", 50)
 *         .build();
 * }</pre>
 *
 * @param name display name; null: the key
 * @param description or null
 * @param hidden shown only to {@code admin} tokens and to users who hold it
 * @param trigger what unlocks it (required)
 * @param reward points granted when it unlocks, or null
 */
public record AchievementDefinition(String name, String description, boolean hidden, AchievementTrigger trigger,
        Reward reward) {

    public AchievementDefinition {
        Objects.requireNonNull(trigger, "trigger");
    }

    public static Builder builder(AchievementTrigger trigger) {
        return new Builder(trigger);
    }

    /** Collects the members. */
    public static final class Builder {
        private final AchievementTrigger trigger;
        private String name;
        private String description;
        private boolean hidden;
        private Reward reward;

        private Builder(AchievementTrigger trigger) {
            this.trigger = Objects.requireNonNull(trigger, "trigger");
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder hidden(boolean hidden) {
            this.hidden = hidden;
            return this;
        }

        /** {@code points} in the points system {@code system} when it unlocks. */
        public Builder reward(String system, long points) {
            this.reward = new Reward(system, points);
            return this;
        }

        public AchievementDefinition build() {
            return new AchievementDefinition(name, description, hidden, trigger, reward);
        }
    }
}
