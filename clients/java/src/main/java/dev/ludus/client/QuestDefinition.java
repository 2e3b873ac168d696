package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A quest as {@code PUT /v1/quests/{key}} takes it: 1 to 10 steps to complete inside a window (one
 * fixed window, or every local day or week in each user's timezone), in any order or in order, by
 * every user or by those who joined ({@link UsersApi#joinQuest}), for an optional prize. The
 * {@code PUT} replaces the whole definition; a null member takes its default. Build one with
 * {@link #builder(Window)}:
 *
 * <pre>{@code
 * QuestDefinition week = QuestDefinition.builder(QuestDefinition.Window.weekly(DayOfWeek.MONDAY))
 *         .name("Week of learning")
 *         .metricStep("read", "lessons", new BigDecimal("3"))
 *         .achievementStep("badge", "scholar")
 *         .enrollment(QuestDefinition.Enrollment.OPT_IN)
 *         .reward("xp", 50)
 *         .build();
 * }</pre>
 *
 * <p>A <b>team quest</b> ({@link Builder#team(boolean) team(true)}) counts the events of each team's
 * members together: every team takes part, and when a team's totals reach every step the quest is
 * complete for the team and each of its members at that moment is paid the prize. Its steps are metric
 * steps only, its {@code order} {@code ANY} and its {@code enrollment} {@code AUTOMATIC} (else 400
 * naming {@code steps[i].achievement}, {@code order} or {@code enrollment}); a recurring window is cut
 * in the window's {@link Window.Recurring#timezone() timezone} (default UTC). A team's standing is
 * {@link TeamsApi#quests(String)}:
 *
 * <pre>{@code
 * QuestDefinition teamWeek = QuestDefinition.builder(QuestDefinition.Window.weekly(DayOfWeek.MONDAY)
 *                 .withTimezone("Europe/Oslo"))
 *         .name("Team week")
 *         .metricStep("read", "lessons", new BigDecimal("100"))
 *         .team(true)
 *         .reward("xp", 20)
 *         .build();
 * }</pre>
 *
 * Its name, description and picture come last, so that the constructor of earlier versions, plain
 * strings first, stays as it was.
 *
 * @param steps 1 to 10, each a metric's events adding up to a total inside the window, or holding an
 *         achievement; step keys are unique within the quest
 * @param order whether steps count in any order or each only once the ones before it are complete; null: any
 * @param enrollment whether every user takes part or only those who joined; null: automatic
 * @param window when the steps count (required)
 * @param reward what completing the quest pays (the points system and achievement must be active); null: nothing
 *         (a team quest pays it to each member of the team that completed it)
 * @param team true for a team quest (the members of each team together); null: false (a user quest)
 * @param localizedName display name (in each language); null: the key
 * @param localizedDescription or null
 * @param imageUrl an https address of its picture (absolute, with a host, no user information, up to
 *         2,048 characters), or null for none
 */
public record QuestDefinition(List<Step> steps, Order order, Enrollment enrollment, Window window, Prize reward,
        Boolean team, @JsonProperty("name") LocalizedText localizedName,
        @JsonProperty("description") LocalizedText localizedDescription, String imageUrl) implements Described {

    public QuestDefinition {
        Objects.requireNonNull(window, "window");
        steps = steps == null ? null : List.copyOf(steps);
    }

    /** The definition with a plain name and description and no picture, as this record was before them. */
    public QuestDefinition(String name, String description, List<Step> steps, Order order, Enrollment enrollment,
            Window window, Prize reward, Boolean team) {
        this(steps, order, enrollment, window, reward, team, LocalizedText.orNull(name),
                LocalizedText.orNull(description), null);
    }

    /** Whether a quest's steps count in any order, {@code "order"} in JSON. */
    public enum Order {
        /** An event counts toward every step on its metric (default). */
        @JsonProperty("any") ANY,
        /** An event counts toward the first step not complete only; a step's surplus does not carry over. */
        @JsonProperty("ordered") ORDERED
    }

    /** Who takes part in a quest, {@code "enrollment"} in JSON. */
    public enum Enrollment {
        /** Every user whose events count (default). */
        @JsonProperty("automatic") AUTOMATIC,
        /** Only users who joined ({@link UsersApi#joinQuest}), with what they do after joining. */
        @JsonProperty("opt_in") OPT_IN
    }

    /** How long a recurring window is, in each user's timezone (a team quest's: in the window's). */
    public enum Period {
        @JsonProperty("daily") DAILY,
        @JsonProperty("weekly") WEEKLY
    }

    /**
     * One step: a metric step ({@code metric} and {@code total}) or an achievement step
     * ({@code achievement}), never both: build one with {@link #metric(String, String, BigDecimal)} or
     * {@link #achievement(String, String)} (the server refuses others: 400 {@code invalid_request}
     * naming the step). As the server answers it, {@code key} is always set and the members of the
     * other kind are null.
     *
     * @param key {@code [a-z0-9_.-]{1,64}}; null: {@code step_<n>} (1-based)
     * @param metric the metric whose events inside the window (and after joining) add up to {@code total}
     * @param total an exact decimal above 0, at most 6 decimal places
     * @param achievement held by the user (unlocked before the quest or during it)
     */
    public record Step(String key, String metric, BigDecimal total, String achievement) {

        /** The user's events of {@code metric} add up to {@code total} inside the window; {@code key} null: {@code step_<n>}. */
        public static Step metric(String key, String metric, BigDecimal total) {
            return new Step(key, Objects.requireNonNull(metric, "metric"), Objects.requireNonNull(total, "total"), null);
        }

        /** The user holds {@code achievement}; {@code key} null: {@code step_<n>}. */
        public static Step achievement(String key, String achievement) {
            return new Step(key, null, null, Objects.requireNonNull(achievement, "achievement"));
        }
    }

    /**
     * When a quest's steps count: {@link Fixed} or {@link Recurring}. Sent and read as JSON with
     * {@code "type"} {@code fixed} or {@code recurring}.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
            @JsonSubTypes.Type(value = Window.Fixed.class, name = "fixed"),
            @JsonSubTypes.Type(value = Window.Recurring.class, name = "recurring")})
    public sealed interface Window permits Window.Fixed, Window.Recurring {

        /** One window for every user, from {@code startsAt} (inclusive) to {@code endsAt}. */
        static Fixed fixed(Instant startsAt, Instant endsAt) {
            return new Fixed(startsAt, endsAt);
        }

        /**
         * A window every local day of each user (of a team quest: every day in UTC, or in
         * {@link Recurring#withTimezone}).
         */
        static Recurring daily() {
            return new Recurring(Period.DAILY, null, null);
        }

        /**
         * A window every local week of each user, starting on {@code weekStart} (null: Monday); of a
         * team quest: in UTC, or in {@link Recurring#withTimezone}.
         */
        static Recurring weekly(DayOfWeek weekStart) {
            return new Recurring(Period.WEEKLY, weekStart, null);
        }

        /**
         * One window, the same for every user; joining an opt-in quest after {@code endsAt} is refused
         * (409 {@code quest_ended}).
         *
         * @param endsAt exclusive, after {@code startsAt}
         */
        record Fixed(Instant startsAt, Instant endsAt) implements Window {

            public Fixed {
                Objects.requireNonNull(startsAt, "startsAt");
                Objects.requireNonNull(endsAt, "endsAt");
            }
        }

        /**
         * A window every local day or week in each user's timezone (the application's when the user has
         * none); an unfinished window expires when it ends. A team quest's windows are the same for
         * every team, cut in {@code timezone}.
         *
         * @param weekStart the first day of a week; null: Monday (the server answers it for daily windows too)
         * @param timezone a team quest's only: the IANA zone its days and weeks are cut in, such as
         *         {@code Europe/Oslo}; null: UTC. The server answers it for every team quest (as
         *         {@code Z} when none was given) and never for a user quest. On a user quest, or an
         *         unknown zone, the server answers 400 naming {@code window.timezone}
         */
        record Recurring(Period period, DayOfWeek weekStart, String timezone) implements Window {

            public Recurring {
                Objects.requireNonNull(period, "period");
            }

            /** This window cut in {@code timezone} (an IANA zone; a team quest's only). */
            public Recurring withTimezone(String timezone) {
                return new Recurring(period, weekStart, timezone);
            }
        }
    }

    /**
     * What completing a quest pays: {@code points} of {@code system}, an achievement, or both.
     * ({@link QuestPrize} is the same as answers and webhooks write it.)
     *
     * @param system the points system; with {@code points}, or both null
     * @param points 1 to 10^9; with {@code system}, or both null
     * @param achievement unlocked on completion (with its own reward), or null
     */
    public record Prize(String system, Long points, String achievement) {

        public Prize {
            if ((system == null) != (points == null)) {
                throw new IllegalArgumentException("a prize's system and points go together");
            }
        }
    }

    /** A quest with the window {@code window} and, until more are set, no step. */
    public static Builder builder(Window window) {
        return new Builder(window);
    }

    /** Collects the members; steps in the order they are added. */
    public static final class Builder {
        private final Window window;
        private LocalizedText name;
        private LocalizedText description;
        private String imageUrl;
        private final List<Step> steps = new ArrayList<>();
        private Order order;
        private Enrollment enrollment;
        private String rewardSystem;
        private Long rewardPoints;
        private String rewardAchievement;
        private Boolean team;

        private Builder(Window window) {
            this.window = Objects.requireNonNull(window, "window");
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

        public Builder step(Step step) {
            steps.add(Objects.requireNonNull(step, "step"));
            return this;
        }

        /**
         * A step met when the user's events of {@code metric} inside the window add up to {@code total} (a
         * team quest's: the events of the team's members together).
         */
        public Builder metricStep(String key, String metric, BigDecimal total) {
            return step(Step.metric(key, metric, total));
        }

        /** A step met when the user holds {@code achievement}. */
        public Builder achievementStep(String key, String achievement) {
            return step(Step.achievement(key, achievement));
        }

        public Builder order(Order order) {
            this.order = order;
            return this;
        }

        public Builder enrollment(Enrollment enrollment) {
            this.enrollment = enrollment;
            return this;
        }

        /** Completing the quest pays {@code points} (1 to 10^9) of {@code system}. */
        public Builder reward(String system, long points) {
            this.rewardSystem = Objects.requireNonNull(system, "system");
            this.rewardPoints = points;
            return this;
        }

        /** Completing the quest unlocks {@code achievement}. */
        public Builder rewardAchievement(String achievement) {
            this.rewardAchievement = Objects.requireNonNull(achievement, "achievement");
            return this;
        }

        /**
         * Whether it is a team quest: the events of each team's members count together, and each member of
         * a team that completes it is paid the prize (metric steps only, order {@code ANY}, enrollment
         * {@code AUTOMATIC}).
         */
        public Builder team(boolean team) {
            this.team = team;
            return this;
        }

        public QuestDefinition build() {
            Prize reward = rewardSystem == null && rewardAchievement == null ? null
                    : new Prize(rewardSystem, rewardPoints, rewardAchievement);
            return new QuestDefinition(steps, order, enrollment, window, reward, team, name, description, imageUrl);
        }
    }
}
