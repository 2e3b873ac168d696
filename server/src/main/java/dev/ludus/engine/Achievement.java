package dev.ludus.engine;

import java.util.List;
import java.util.Optional;

/**
 * An achievement: unlocked once per user when its criterion holds, optionally hidden from users until
 * they have it, optionally rewarding points.
 *
 * @param imageUrl an https address of its picture, carried by answers
 */
public record Achievement(String key, LocalizedText name, Optional<LocalizedText> description, boolean hidden,
        Criterion criterion, Optional<Reward> reward, Optional<String> imageUrl) {

    /** An achievement with a plain name and description and no image. */
    public Achievement(String key, String name, Optional<String> description, boolean hidden, Criterion criterion,
            Optional<Reward> reward) {
        this(key, LocalizedText.plain(name), description.map(LocalizedText::plain), hidden, criterion, reward, Optional.empty());
    }

    /** When an achievement unlocks. */
    public sealed interface Criterion {
        /** The user's total of {@code metric} reaches {@code threshold}. */
        record MetricTotal(String metric, Amount threshold) implements Criterion { }

        /** The user's longest run in {@code streak} reaches {@code length} periods. */
        record StreakLength(String streak, int length) implements Criterion { }

        /** The application completes it for the user through the API. */
        record ApiCall() implements Criterion { }

        /** Every prerequisite achievement is unlocked. */
        record AllOf(List<String> prerequisites) implements Criterion {
            public AllOf {
                prerequisites = List.copyOf(prerequisites);
            }
        }
    }

    /** Points granted in {@code system} when the achievement unlocks. */
    public record Reward(String system, long points) { }
}
