package dev.ludus.engine;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A points system: triggers that award points, an optional cap on the balance, whether the balance
 * may go below zero, levels as ascending thresholds on the balance, caps on what events earn per
 * period, whether points expire, and whether balances start again from zero every season.
 */
public record PointsSystem(String key, LocalizedText name, Optional<LocalizedText> description, List<PointsTrigger> triggers,
        OptionalLong maxPoints, boolean allowNegative, List<Level> levels, List<EarningCap> caps,
        Optional<Expiry> expiry, Optional<Season> season) {

    /**
     * Points that expire: what is earned on a day (UTC) is one lot, which expires at the start of the
     * day {@code afterDays} + 1 days later, so a point lives at least {@code afterDays} full days; with
     * {@code noticeDays}, the user is told {@code noticeDays} days (of 24 hours) before a lot expires.
     */
    public record Expiry(int afterDays, java.util.OptionalInt noticeDays) {
        public Expiry {
            if (afterDays < 1) {
                throw new IllegalArgumentException("points live at least one day");
            }
            if (noticeDays.isPresent() && (noticeDays.getAsInt() < 1 || noticeDays.getAsInt() > afterDays)) {
                throw new IllegalArgumentException("a notice comes 1 to afterDays days ahead");
            }
        }

        /** Points that expire without a notice ahead. */
        public Expiry(int afterDays) {
            this(afterDays, java.util.OptionalInt.empty());
        }

        /** When the points earned on {@code day} expire. */
        public java.time.Instant expiresAt(java.time.LocalDate day) {
            return day.plusDays(afterDays + 1L).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
        }

        /** When the notice of a lot expiring at {@code expiresAt} is due, if notices are given. */
        public Optional<java.time.Instant> noticeAt(java.time.Instant expiresAt) {
            return noticeDays.isPresent()
                    ? Optional.of(expiresAt.minus(java.time.Duration.ofDays(noticeDays.getAsInt())))
                    : Optional.empty();
        }
    }

    /** A points system whose points do not expire. */
    public PointsSystem(String key, LocalizedText name, Optional<LocalizedText> description,
            List<PointsTrigger> triggers, OptionalLong maxPoints, boolean allowNegative, List<Level> levels,
            List<EarningCap> caps) {
        this(key, name, description, triggers, maxPoints, allowNegative, levels, caps, Optional.empty());
    }

    /** A points system without seasons. */
    public PointsSystem(String key, LocalizedText name, Optional<LocalizedText> description,
            List<PointsTrigger> triggers, OptionalLong maxPoints, boolean allowNegative, List<Level> levels,
            List<EarningCap> caps, Optional<Expiry> expiry) {
        this(key, name, description, triggers, maxPoints, allowNegative, levels, caps, expiry, Optional.empty());
    }

    /** A points system with a plain name and description and without earning caps. */
    public PointsSystem(String key, String name, Optional<String> description, List<PointsTrigger> triggers,
            OptionalLong maxPoints, boolean allowNegative, List<Level> levels) {
        this(key, LocalizedText.plain(name), description.map(LocalizedText::plain), triggers, maxPoints, allowNegative, levels,
                List.of());
    }

    /** A points system with a plain name and description. */
    public PointsSystem(String key, String name, Optional<String> description, List<PointsTrigger> triggers,
            OptionalLong maxPoints, boolean allowNegative, List<Level> levels, List<EarningCap> caps) {
        this(key, LocalizedText.plain(name), description.map(LocalizedText::plain), triggers, maxPoints, allowNegative, levels, caps);
    }

    public PointsSystem {
        triggers = List.copyOf(triggers);
        levels = List.copyOf(levels);
        caps = List.copyOf(caps);
        if (caps.stream().map(EarningCap::key).distinct().count() != caps.size()) {
            throw new IllegalArgumentException("two caps on the same metric and period");
        }
        for (int i = 1; i < levels.size(); i++) {
            if (levels.get(i).threshold() <= levels.get(i - 1).threshold()) {
                throw new IllegalArgumentException("level thresholds must be strictly ascending");
            }
        }
    }

    /** The level a balance stands at: the last level whose threshold it reaches, if any. */
    public Optional<Level.Reached> levelAt(long balance) {
        Optional<Level.Reached> reached = Optional.empty();
        for (int i = 0; i < levels.size() && levels.get(i).threshold() <= balance; i++) {
            reached = Optional.of(new Level.Reached(i + 1, levels.get(i).name(), levels.get(i).imageUrl()));
        }
        return reached;
    }

    /** Level {@code number} (from 1), if the system has it. */
    public Optional<Level.Reached> level(int number) {
        return number >= 1 && number <= levels.size()
                ? Optional.of(new Level.Reached(number, levels.get(number - 1).name(), levels.get(number - 1).imageUrl()))
                : Optional.empty();
    }

    /** The first level above the one {@code balance} stands at, if any. */
    public Optional<Level> nextLevel(long balance) {
        return levels.stream().filter(level -> level.threshold() > balance).findFirst();
    }

    /**
     * The balance after adding {@code amount} to {@code balance}: at most {@code maxPoints}, and not
     * below zero unless negative balances are allowed (never lower than it already was, either).
     */
    long bounded(long balance, long amount) {
        long next = saturatedAdd(balance, amount);
        if (maxPoints.isPresent() && next > maxPoints.getAsLong()) {
            next = Math.max(balance, maxPoints.getAsLong());
        }
        if (!allowNegative && next < 0) {
            next = Math.min(balance, 0);
        }
        return next;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        if (((a ^ sum) & (b ^ sum)) < 0) {
            return a < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return sum;
    }
}
