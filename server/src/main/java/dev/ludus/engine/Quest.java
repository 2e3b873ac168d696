package dev.ludus.engine;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * A quest: steps to complete inside a window of time, in order or in any order, for a prize.
 *
 * @param ordered whether each step counts only once the steps before it are complete
 * @param optIn whether a user takes part only after joining (else every user whose events count does)
 * @param team whether the steps count the events of a team's members together (a team quest: not in
 *     any user's state; its windows are judged in the window's own timezone)
 * @param imageUrl an https address of its picture, carried by answers
 */
public record Quest(String key, LocalizedText name, Optional<LocalizedText> description, List<Step> steps, boolean ordered,
        Window window, boolean optIn, Prize prize, boolean team, Optional<String> imageUrl) {

    public Quest {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("a quest needs at least one step");
        }
    }

    /** A quest of each user on their own, with a plain name and description and no image. */
    public Quest(String key, String name, Optional<String> description, List<Step> steps, boolean ordered,
            Window window, boolean optIn, Prize prize) {
        this(key, name, description, steps, ordered, window, optIn, prize, false);
    }

    /** A quest with a plain name and description and no image. */
    public Quest(String key, String name, Optional<String> description, List<Step> steps, boolean ordered,
            Window window, boolean optIn, Prize prize, boolean team) {
        this(key, LocalizedText.plain(name), description.map(LocalizedText::plain), steps, ordered, window, optIn, prize, team,
                Optional.empty());
    }

    /** One step of a quest, known by its key within the quest. */
    public sealed interface Step {
        String key();
    }

    /** The user's events of {@code metric} inside the window (and after joining) add up to {@code total}. */
    public record MetricStep(String key, String metric, Amount total) implements Step { }

    /** The user holds {@code achievement} (unlocked before the quest or during it). */
    public record AchievementStep(String key, String achievement) implements Step { }

    /** When a quest's events count. */
    public sealed interface Window { }

    /** One window, the same for every user: from {@code startsAt} (inclusive) to {@code endsAt}. */
    public record Fixed(Instant startsAt, Instant endsAt) implements Window {
        public Fixed {
            if (!endsAt.isAfter(startsAt)) {
                throw new IllegalArgumentException("a quest's window must end after it starts");
            }
        }
    }

    /**
     * A window every local day or week, in each user's timezone (23 or 25 hours when clocks change); a
     * team quest's in {@code zone}.
     */
    public record Recurring(StreakPeriod.Length length, DayOfWeek weekStart, Optional<ZoneId> zone) implements Window {
        /** A recurring window of a user quest: each user's timezone. */
        public Recurring(StreakPeriod.Length length, DayOfWeek weekStart) {
            this(length, weekStart, Optional.empty());
        }
    }

    /** A window as instants: from {@code start} (inclusive) to {@code end}. */
    public record Span(Instant start, Instant end) {
        public boolean contains(Instant instant) {
            return !instant.isBefore(start) && instant.isBefore(end);
        }
    }

    /** What completing a quest pays: points in a system, an achievement, both or neither. */
    public record Prize(Optional<Achievement.Reward> points, Optional<String> achievement) {
        public static final Prize NONE = new Prize(Optional.empty(), Optional.empty());
    }

    /** The window containing {@code instant} for a user in {@code zone}; empty outside a fixed window. */
    public Optional<Span> windowAt(Instant instant, ZoneId zone) {
        return switch (window) {
            case Fixed fixed -> Optional.of(new Span(fixed.startsAt(), fixed.endsAt()))
                    .filter(span -> span.contains(instant));
            case Recurring recurring -> {
                StreakPeriod period = StreakPeriod.containing(instant, zone, recurring.length(), recurring.weekStart());
                yield Optional.of(new Span(period.start(), period.end()));
            }
        };
    }

    /** True when the quest's window is fixed and has ended at {@code instant}. */
    public boolean endedAt(Instant instant) {
        return window instanceof Fixed fixed && !instant.isBefore(fixed.endsAt());
    }

    /** True for a daily or weekly quest of each user (a team quest's windows do not follow a user's timezone). */
    public boolean recurring() {
        return window instanceof Recurring && !team;
    }

    /** The window of a team quest containing {@code instant}: in the window's timezone (UTC by default). */
    public Optional<Span> teamWindowAt(Instant instant) {
        ZoneId zone = window instanceof Recurring recurring ? recurring.zone().orElse(java.time.ZoneOffset.UTC)
                : java.time.ZoneOffset.UTC;
        return windowAt(instant, zone);
    }
}
