package dev.ludus.stats;

import dev.ludus.http.ApiException;
import io.helidon.webserver.http.ServerRequest;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The range and bucket size of a stats read, from the query string: {@code from} and {@code to}
 * (required, RFC 3339 instants), {@code interval} ({@code hour}, the default, {@code day} or
 * {@code week}, from Monday, all in UTC). The first bucket is the one holding {@code from}; buckets follow while they start before
 * {@code to}. Every fault is a 400 {@code invalid_request} naming the parameter.
 *
 * @param from the start of the first bucket, epoch milliseconds
 * @param to the end of the last bucket, epoch milliseconds
 */
record StatsQuery(Buckets interval, long from, long to) {

    /** The most hourly buckets one read returns: 31 days. */
    static final int MAX_HOURS = 31 * 24;
    /** The most daily buckets one read returns: 366 days. */
    static final int MAX_DAYS = 366;
    /** The most weekly buckets one read returns: two years and a bit. */
    static final int MAX_WEEKS = 106;

    static StatsQuery of(ServerRequest request) {
        String name = request.query().first("interval").orElse(Buckets.HOUR.wireName());
        Buckets interval = Buckets.ofWireName(name).orElseThrow(() ->
                ApiException.invalidField("interval", "'interval' must be hour, day or week"));
        Instant from = instant(request, "from");
        Instant to = instant(request, "to");
        if (!to.isAfter(from)) {
            throw ApiException.invalidField("to", "'to' must be after 'from'");
        }
        long start = interval.start(from.toEpochMilli());
        long buckets = Math.ceilDiv(to.toEpochMilli() - start, interval.millis());
        int most = most(interval);
        if (buckets > most) {
            throw ApiException.invalidField("to", "the range holds " + buckets + " " + interval.wireName()
                    + "s; at most " + most + " per read" + (interval == Buckets.WEEK ? "" : interval == Buckets.HOUR ? " (use interval=day)" : " (use interval=week)"));
        }
        return new StatsQuery(interval, start, start + buckets * interval.millis());
    }

    /** The most buckets of {@code interval} one read returns. */
    static int most(Buckets interval) {
        return switch (interval) {
            case HOUR -> MAX_HOURS;
            case DAY -> MAX_DAYS;
            case WEEK -> MAX_WEEKS;
        };
    }

    private static Instant instant(ServerRequest request, String name) {
        String value = request.query().first(name).map(String::strip).orElse("");
        if (value.isEmpty()) {
            throw ApiException.invalidField(name, "'" + name + "' is required: an RFC 3339 time such as "
                    + "2026-12-01T00:00:00Z");
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.invalidField(name, "'" + name + "' must be an RFC 3339 time such as "
                    + "2026-12-01T00:00:00Z");
        }
    }
}
