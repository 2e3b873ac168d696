package dev.ludus.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the engine knows about one user: metric totals, points per system, unlocked achievements,
 * standing in each streak and each quest, the recent arrivals of their events of each metric with a
 * velocity guard, and the flag a guard raised. Absent entries are zero, empty, locked and not started.
 *
 * @param recent per guarded metric, the arrivals of the user's latest events within its guard's
 *     window, oldest first
 */
public record UserState(Map<String, Amount> totals, Map<String, Balance> points, Map<String, Unlock> unlocked,
        Map<String, StreakState> streaks, Map<String, QuestState> quests, Map<String, List<Instant>> recent,
        Optional<Flag> flag) {

    public static final UserState EMPTY = new UserState(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

    public UserState {
        totals = Map.copyOf(totals);
        points = Map.copyOf(points);
        unlocked = Map.copyOf(unlocked);
        streaks = Map.copyOf(streaks);
        quests = Map.copyOf(quests);
        recent = Map.copyOf(recent);
    }

    /** A state without velocity records or a flag. */
    public UserState(Map<String, Amount> totals, Map<String, Balance> points, Map<String, Unlock> unlocked,
            Map<String, StreakState> streaks, Map<String, QuestState> quests) {
        this(totals, points, unlocked, streaks, quests, Map.of(), Optional.empty());
    }

    /** This state with {@code flag} as the user's flag. */
    public UserState withFlag(Optional<Flag> flag) {
        return new UserState(totals, points, unlocked, streaks, quests, recent, flag);
    }

    /** The arrivals kept for a guarded metric, oldest first. */
    public List<Instant> recent(String metric) {
        return recent.getOrDefault(metric, List.of());
    }

    /** True when the user's awards are held: a flag with {@code hold} stands. */
    public boolean held() {
        return flag.map(Flag::hold).orElse(false);
    }

    /** A state without quests. */
    public UserState(Map<String, Amount> totals, Map<String, Balance> points, Map<String, Unlock> unlocked,
            Map<String, StreakState> streaks) {
        this(totals, points, unlocked, streaks, Map.of());
    }

    /** A state without streaks. */
    public UserState(Map<String, Amount> totals, Map<String, Balance> points, Map<String, Unlock> unlocked) {
        this(totals, points, unlocked, Map.of());
    }

    /** The user's standing in {@code rule}: as stored, or the rule's starting state. */
    public StreakState streak(StreakRule rule) {
        StreakState state = streaks.get(rule.key());
        return state != null ? state : StreakState.initial(rule);
    }

    /** The user's standing in a quest: as stored, or not started. */
    public QuestState quest(String key) {
        return quests.getOrDefault(key, QuestState.NONE);
    }

    public Amount total(String metric) {
        return totals.getOrDefault(metric, Amount.ZERO);
    }

    public Balance balance(String system) {
        return points.getOrDefault(system, Balance.EMPTY);
    }

    /**
     * A user's standing in one points system.
     *
     * @param balance the points held
     * @param progress units accumulated per {@link PointsTrigger.PerMetric#progressKey()}
     * @param caps what events earned toward each earning cap, per {@link EarningCap#key()}
     * @param lots the points of an expiring system by the day they were earned, oldest first
     * @param season the start of the season the balance belongs to, in a system with seasons
     * @param due the next instant the balance needs a write of its own, whether or not the user acts: a
     *     lot's expiry, a lot's expiry notice or the end of its season (what the expiry sweep looks for)
     */
    public record Balance(long balance, Map<String, Amount> progress, Map<String, EarningCap.Use> caps,
            List<Lot> lots, Optional<Instant> season, Optional<Instant> due) {
        public static final Balance EMPTY = new Balance(0, Map.of());

        public Balance {
            progress = Map.copyOf(progress);
            caps = Map.copyOf(caps);
            lots = List.copyOf(lots);
        }

        /** A balance without earning caps. */
        public Balance(long balance, Map<String, Amount> progress) {
            this(balance, progress, Map.of());
        }

        /** A balance whose points do not expire. */
        public Balance(long balance, Map<String, Amount> progress, Map<String, EarningCap.Use> caps) {
            this(balance, progress, caps, List.of());
        }

        /** A balance outside seasons, with nothing due. */
        public Balance(long balance, Map<String, Amount> progress, Map<String, EarningCap.Use> caps, List<Lot> lots) {
            this(balance, progress, caps, lots, Optional.empty(), Optional.empty());
        }

        /** This balance at {@code next} with {@code nextLots}, the rest as it is. */
        public Balance with(long next, List<Lot> nextLots) {
            return new Balance(next, progress, caps, nextLots, season, due);
        }

        /** This balance with {@code nextProgress}, the rest as it is. */
        public Balance withProgress(Map<String, Amount> nextProgress) {
            return new Balance(balance, nextProgress, caps, lots, season, due);
        }

        /** This balance with {@code nextCaps}, the rest as it is. */
        public Balance withCaps(Map<String, EarningCap.Use> nextCaps) {
            return new Balance(balance, progress, nextCaps, lots, season, due);
        }

        /** This balance in the season starting at {@code nextSeason}, due at {@code nextDue}. */
        public Balance scheduled(Optional<Instant> nextSeason, Optional<Instant> nextDue) {
            return new Balance(balance, progress, caps, lots, nextSeason, nextDue);
        }
    }

    /**
     * The points of an expiring balance earned on one day (UTC) and not spent yet, and when they expire
     * (fixed when the lot is made: a later change of the system's lifetime applies to later lots); a
     * balance's lots are oldest first and add up to the balance (when it is not negative).
     *
     * @param noticed whether the {@code points.expiring} notice of the lot was given
     */
    public record Lot(java.time.LocalDate day, long points, Instant expiresAt, boolean noticed) {
        /** A lot not noticed yet. */
        public Lot(java.time.LocalDate day, long points, Instant expiresAt) {
            this(day, points, expiresAt, false);
        }

        /** This lot holding {@code next} points. */
        public Lot holding(long next) {
            return new Lot(day, next, expiresAt, noticed);
        }

        /** This lot, its expiry notice given. */
        public Lot asNoticed() {
            return new Lot(day, points, expiresAt, true);
        }
    }

    /** When an achievement unlocked and whether it was granted by a backfill. */
    public record Unlock(Instant at, boolean backfilled) { }
}
