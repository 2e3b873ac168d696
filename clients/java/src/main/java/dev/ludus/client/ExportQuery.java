package dev.ludus.client;

import java.time.Instant;

/**
 * What {@link ExportsApi#events(ExportQuery)} exports: the events received in {@code [from, to)}, after
 * the event {@code after}. Build it from {@link #all()}:
 * {@code ExportQuery.all().withFrom(monday).withTo(tuesday)}, {@code ExportQuery.all().withAfter(lastId)}.
 *
 * @param from events received at or after this instant; null: from the first
 * @param to events received before this instant (after {@code from}); null: up to now
 * @param after the id of the last event received, to resume a broken export after it; null: from the start
 */
public record ExportQuery(Instant from, Instant to, String after) {

    /** Every event of the application. */
    public static ExportQuery all() {
        return new ExportQuery(null, null, null);
    }

    /** This query from {@code from} on (null: from the first event). */
    public ExportQuery withFrom(Instant from) {
        return new ExportQuery(from, to, after);
    }

    /** This query up to {@code to}, excluded (null: up to now). */
    public ExportQuery withTo(Instant to) {
        return new ExportQuery(from, to, after);
    }

    /** This query after the event {@code after}: the id of the last event received (null: from the start). */
    public ExportQuery withAfter(String after) {
        return new ExportQuery(from, to, after);
    }
}
