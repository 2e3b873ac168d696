package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.Objects;

/**
 * An achievement as {@code PUT /v1/achievements/{key}} takes it. The {@code PUT} replaces the whole
 * definition; a null member takes its default. Build one with {@link #builder(AchievementTrigger)}:
 *
 * <pre>{@code
 * AchievementDefinition marathon = AchievementDefinition.builder(
 *                 AchievementTrigger.metric("distance_km", new BigDecimal("42.195")))
 *         .names(Map.of("en", "Marathon", "de", "Marathonlauf"))
 *         .description("Run 42.195 km")
 *         .imageUrl("https://example.com/badges/marathon.png")
 *         .reward("coins", 50)
 *         .build();
 * }</pre>
 *
 * Its name, description and picture come last, so that the constructor of earlier versions, plain
 * strings first, stays as it was.
 *
 * @param hidden shown only to {@code admin} tokens and to users who hold it
 * @param trigger what unlocks it (required)
 * @param reward points granted when it unlocks, or null
 * @param localizedName display name (in each language); null: the key
 * @param localizedDescription or null
 * @param imageUrl an https address of its picture (absolute, with a host, no user information, up to
 *         2,048 characters), or null for none; answers about a user carry it
 */
public record AchievementDefinition(boolean hidden, AchievementTrigger trigger, Reward reward,
        @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription, String imageUrl) implements Described {

    public AchievementDefinition {
        Objects.requireNonNull(trigger, "trigger");
    }

    /** The definition with a plain name and description and no picture, as this record was before them. */
    public AchievementDefinition(String name, String description, boolean hidden, AchievementTrigger trigger,
            Reward reward) {
        this(hidden, trigger, reward, LocalizedText.orNull(name), LocalizedText.orNull(description), null);
    }

    public static Builder builder(AchievementTrigger trigger) {
        return new Builder(trigger);
    }

    /** Collects the members. */
    public static final class Builder {
        private final AchievementTrigger trigger;
        private LocalizedText name;
        private LocalizedText description;
        private String imageUrl;
        private boolean hidden;
        private Reward reward;

        private Builder(AchievementTrigger trigger) {
            this.trigger = Objects.requireNonNull(trigger, "trigger");
        }

        public Builder name(String name) {
            this.name = LocalizedText.orNull(name);
            return this;
        }

        /** The name in several languages: BCP 47 tag to text, the first the text of last resort. */
        public Builder names(Map<String, String> names) {
            this.name = LocalizedText.orNull(names);
            return this;
        }

        public Builder description(String description) {
            this.description = LocalizedText.orNull(description);
            return this;
        }

        /** The description in several languages: BCP 47 tag to text. */
        public Builder descriptions(Map<String, String> descriptions) {
            this.description = LocalizedText.orNull(descriptions);
            return this;
        }

        /** An https address of its picture; null: none. */
        public Builder imageUrl(String imageUrl) {
            this.imageUrl = imageUrl;
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
            return new AchievementDefinition(hidden, trigger, reward, name, description, imageUrl);
        }
    }
}
