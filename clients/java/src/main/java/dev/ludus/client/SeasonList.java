package dev.ludus.client;

import java.time.Instant;
import java.util.List;

/**
 * The seasons of a points system ({@code GET /v1/points/{key}/seasons}, {@link PointsSystemsApi#seasons}).
 *
 * @param pointsSystem the system's key
 * @param current the season running now; null for a system without seasons, or archived
 * @param seasons the seasons that ended with at least one balance that was not zero, newest first
 */
public record SeasonList(String pointsSystem, Season current, List<EndedSeason> seasons) {

    public SeasonList {
        seasons = seasons == null ? List.of() : List.copyOf(seasons);
    }

    /**
     * A season that ended. Its standings fill in as its balances end: at each user's next write, or by
     * the server's expiry sweep.
     *
     * @param key as {@link Season#key()}
     * @param participants the users whose balance was not zero at its end
     */
    public record EndedSeason(String key, Instant start, Instant end, long participants) {

        /** The season without its participants. */
        public Season season() {
            return new Season(key, start, end);
        }
    }
}
