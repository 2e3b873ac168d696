package dev.ludus.engine;

import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The rules of streaks, pure. A user's periods form a sequence, each judged in the user's timezone
 * at the moment it starts: the next period is the one of the (possibly new) zone that contains the
 * end of the last one, or the one after it when less than half of it is left (see {@link #next}),
 * so a timezone change neither skips a period nor squeezes one into a few hours. When a period ends unmet while a streak runs, a freeze covers it, or the streak is
 * lost. An event counts toward the period it occurred in when that is the current period or a later
 * one; an event for an earlier period (sent late) changes totals and points but not the streak.
 */
public final class Streaks {

    private Streaks() { }

    /** A streak grew to {@code length} periods. */
    public record Extended(String streak, int length, int longest, StreakPeriod period) implements StreakOutcome { }

    /**
     * A freeze covered the missed {@code period}, keeping a run of {@code length}; {@code freezesLeft}
     * remain.
     */
    public record FreezeConsumed(String streak, int length, StreakPeriod period, int freezesLeft)
            implements StreakOutcome { }

    /** A freeze was earned; {@code freezes} are now held. */
    public record FreezeEarned(String streak, int freezes) implements StreakOutcome { }

    /** The streak ended after {@code length} periods: {@code period} ended unmet with no freeze left. */
    public record Lost(String streak, int length, StreakPeriod period) implements StreakOutcome { }

    /** {@code granted} freezes were given through the API; {@code freezes} are now held. */
    public record FreezesGranted(String streak, int granted, int freezes) implements StreakOutcome { }

    /** What happened to a streak. */
    public sealed interface StreakOutcome permits Extended, FreezeConsumed, FreezeEarned, Lost, FreezesGranted {
        /** The streak's key. */
        String streak();
    }

    /** The state after time passed until {@code now}: ended periods settled, outcomes appended to {@code out}. */
    public static StreakState advance(StreakRule rule, StreakState state, Instant now, ZoneId zone,
            List<StreakOutcome> out) {
        if (state.period().isEmpty()) {
            return state;
        }
        StreakPeriod period = state.period().get();
        if (now.isBefore(period.end())) {
            return state;
        }
        int current = state.current();
        int freezes = state.freezes();
        long index = state.periodIndex();
        long lastCounted = state.lastCounted();
        boolean met = state.periodMet();
        while (!now.isBefore(period.end())) {
            if (!met && current > 0) {
                if (freezes > 0) {
                    freezes--;
                    lastCounted = index;
                    out.add(new FreezeConsumed(rule.key(), current, period, freezes));
                } else {
                    out.add(new Lost(rule.key(), current, period));
                    current = 0;
                }
            }
            if (current == 0) {
                StreakPeriod now0 = StreakPeriod.containing(now, zone, rule.length(), rule.weekStart());
                index += 1 + Math.max(0, approximatePeriodsBetween(period, now0));
                period = now0;
            } else {
                period = next(rule, period, zone);
                index++;
            }
            met = false;
        }
        return new StreakState(current, state.longest(), freezes, state.towardFreeze(), Optional.of(period), index,
                Map.of(), false, lastCounted);
    }

    /**
     * Applies an event of {@code metric} and {@code value} that occurred at {@code occurredAt} (not
     * after {@code now}) to the user's streak state.
     */
    public static StreakState apply(StreakRule rule, StreakState state, String metric, Amount value,
            Instant occurredAt, ZoneId zone, List<StreakOutcome> out) {
        if (!rule.counts(metric)) {
            return state;
        }
        if (state.period().isPresent() && occurredAt.isBefore(state.period().get().start())) {
            return state;
        }
        StreakState settled = advance(rule, state, occurredAt, zone, out);
        StreakPeriod period = settled.period()
                .orElseGet(() -> StreakPeriod.containing(occurredAt, zone, rule.length(), rule.weekStart()));
        Map<String, Amount> totals = new HashMap<>(settled.totals());
        totals.merge(metric, value, Amount::plus);
        if (settled.periodMet() || !rule.met(totals)) {
            return new StreakState(settled.current(), settled.longest(), settled.freezes(), settled.towardFreeze(),
                    Optional.of(period), settled.periodIndex(), totals, settled.periodMet(), settled.lastCounted());
        }
        boolean consecutive = settled.lastCounted() == settled.periodIndex() - 1 && settled.current() > 0;
        int current = consecutive ? settled.current() + 1 : 1;
        int longest = Math.max(settled.longest(), current);
        int freezes = settled.freezes();
        int toward = settled.towardFreeze() + 1;
        out.add(new Extended(rule.key(), current, longest, period));
        if (rule.freezes().earnEvery() > 0 && toward >= rule.freezes().earnEvery()) {
            toward = 0;
            if (freezes < rule.freezes().max()) {
                freezes++;
                out.add(new FreezeEarned(rule.key(), freezes));
            }
        }
        return new StreakState(current, longest, freezes, toward, Optional.of(period), settled.periodIndex(), totals,
                true, settled.periodIndex());
    }

    /**
     * Gives {@code count} freezes (settling ended periods first, as of {@code now}), up to the
     * rule's maximum; how many were actually given is in the {@link FreezesGranted} outcome.
     */
    public static StreakState grantFreezes(StreakRule rule, StreakState state, int count, Instant now, ZoneId zone,
            List<StreakOutcome> out) {
        StreakState settled = advance(rule, state, now, zone, out);
        int freezes = (int) Math.min(rule.freezes().max(), (long) settled.freezes() + Math.max(0, count));
        out.add(new FreezesGranted(rule.key(), Math.max(0, freezes - settled.freezes()), Math.max(freezes,
                settled.freezes())));
        return new StreakState(settled.current(), settled.longest(), Math.max(freezes, settled.freezes()),
                settled.towardFreeze(), settled.period(), settled.periodIndex(), settled.totals(), settled.periodMet(),
                settled.lastCounted());
    }

    /** Whether a running streak still needs this period met. */
    public static boolean atRisk(StreakState settled) {
        return settled.current() > 0 && !settled.periodMet();
    }

    /**
     * When the streak breaks if nothing more happens: the end of the first unmet period that no
     * freeze covers. Empty when no streak runs.
     */
    public static Optional<Instant> expiresAt(StreakRule rule, StreakState settled, ZoneId zone) {
        if (settled.current() == 0 || settled.period().isEmpty()) {
            return Optional.empty();
        }
        StreakPeriod period = settled.period().get();
        int skips = settled.freezes() + (settled.periodMet() ? 1 : 0);
        for (int i = 0; i < skips; i++) {
            period = next(rule, period, zone);
        }
        return Optional.of(period.end());
    }

    /**
     * The period after {@code period}, in {@code zone} (the user's zone now): the one containing the
     * instant {@code period} ended, unless a timezone change leaves less than half of it to come, in
     * which case the one after that. So moving east does not squeeze a period into a few hours.
     */
    static StreakPeriod next(StreakRule rule, StreakPeriod period, ZoneId zone) {
        StreakPeriod candidate = StreakPeriod.containing(period.end(), zone, rule.length(), rule.weekStart());
        long left = candidate.end().getEpochSecond() - period.end().getEpochSecond();
        long length = candidate.end().getEpochSecond() - candidate.start().getEpochSecond();
        return left * 2 < length ? StreakPeriod.containing(candidate.end(), zone, rule.length(), rule.weekStart())
                : candidate;
    }

    private static long approximatePeriodsBetween(StreakPeriod earlier, StreakPeriod later) {
        long seconds = later.start().getEpochSecond() - earlier.end().getEpochSecond();
        long periodSeconds = earlier.end().getEpochSecond() - earlier.start().getEpochSecond();
        return periodSeconds <= 0 ? 0 : Math.round((double) seconds / periodSeconds);
    }
}
