package dev.ludus.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The lots of an expiring balance (pure): points earned go to the lot of the day they are earned on
 * (UTC), points spent or taken away come out of the oldest lots first, and a lot expires whole at its
 * system's {@link PointsSystem.Expiry#expiresAt}. One lot a day keeps a balance's lots few (at most
 * one more than the days points live).
 */
final class Lots {

    private Lots() { }

    /**
     * {@code lots} after the balance went from {@code before} to {@code after} at {@code now}: what
     * it gained above zero added to today's lot (made with {@code expiry}'s lifetime), what it lost
     * above zero taken from the oldest lots first. So the lots always add up to the balance, or to 0
     * while it is negative.
     */
    static List<UserState.Lot> moved(List<UserState.Lot> lots, long before, long after, PointsSystem.Expiry expiry,
            Instant now) {
        long amount = Math.max(0, after) - Math.max(0, before);
        List<UserState.Lot> next = new ArrayList<>(lots);
        if (amount > 0) {
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            UserState.Lot last = next.isEmpty() ? null : next.getLast();
            if (last != null && !last.day().isBefore(today)) {
                next.set(next.size() - 1, last.holding(last.points() + amount));
            } else {
                next.add(new UserState.Lot(today, amount, expiry.expiresAt(today)));
            }
            return next;
        }
        long owed = -amount;
        while (owed > 0 && !next.isEmpty()) {
            UserState.Lot oldest = next.getFirst();
            if (oldest.points() <= owed) {
                owed -= oldest.points();
                next.removeFirst();
            } else {
                next.set(0, oldest.holding(oldest.points() - owed));
                owed = 0;
            }
        }
        return next;
    }

    /** The lots of {@code lots} that have not expired at {@code now}. */
    static List<UserState.Lot> unexpired(List<UserState.Lot> lots, Instant now) {
        return lots.stream().filter(lot -> now.isBefore(lot.expiresAt())).toList();
    }

    static long sum(List<UserState.Lot> lots) {
        return lots.stream().mapToLong(UserState.Lot::points).sum();
    }
}
