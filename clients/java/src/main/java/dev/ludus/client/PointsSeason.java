package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DayOfWeek;
import java.util.Objects;

/**
 * The seasons of a points system ({@link PointsSystemDefinition.Builder#season},
 * {@link PointsSystem#season()}): balances start again from zero at the start of every period (a
 * season: a day, a week, a month, a quarter or a year) in {@code timezone}. At a season's end each
 * balance that is not zero is kept as its final standing ({@link PointsSystemsApi#seasons},
 * {@link PointsSystemsApi#seasonStandings}, {@link UsersApi#pointsSeasons}) and goes back to zero, with
 * its expiring points, as a {@link PointsHistoryEntry} of source {@code season}, reason
 * {@code season_ended} and the season's key as reference, and a {@link WebhookEventType#POINTS_CHANGED}
 * webhook; this happens at the user's next write or by the server's expiry sweep. Reads of a balance
 * (progress, leaderboards) show it as of now at once. {@code {"period": "monthly", "timezone":
 * "Europe/Paris", "week_start": "monday"}} in JSON.
 *
 * @param period how long a season lasts (required)
 * @param timezone the IANA zone seasons are cut in; null: UTC (the server always answers it)
 * @param weekStart the first day of a weekly season; null: Monday (the server always answers it)
 */
public record PointsSeason(Period period, String timezone, DayOfWeek weekStart) {

    public PointsSeason {
        Objects.requireNonNull(period, "period");
    }

    /** Seasons of {@code period}, cut in UTC, weeks from Monday. */
    public static PointsSeason of(Period period) {
        return new PointsSeason(period, null, null);
    }

    /** Seasons of {@code period}, cut in {@code timezone} (IANA, such as {@code Europe/Paris}), weeks from Monday. */
    public static PointsSeason of(Period period, String timezone) {
        return new PointsSeason(period, timezone, null);
    }

    /**
     * How long a season lasts. Its key ({@link Season#key()}) is the local date of the day or of the
     * week's first day ({@code 2037-03-09}), the month ({@code 2037-03}), the quarter ({@code 2037-Q1}) or
     * the year ({@code 2037}).
     */
    public enum Period {
        @JsonProperty("daily") DAILY,
        @JsonProperty("weekly") WEEKLY,
        @JsonProperty("monthly") MONTHLY,
        @JsonProperty("quarterly") QUARTERLY,
        @JsonProperty("yearly") YEARLY
    }
}
