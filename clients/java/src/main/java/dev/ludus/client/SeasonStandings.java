package dev.ludus.client;

import java.util.List;

/**
 * A page of the final standings of a season ({@code GET /v1/points/{key}/seasons/{season}},
 * {@link PointsSystemsApi#seasonStandings}).
 *
 * @param pointsSystem the system's key
 * @param entries the users whose balance was not zero at the season's end, by that balance, highest
 *         first, then by user id
 * @param nextCursor the cursor of the next page, or null on the last page
 */
public record SeasonStandings(String pointsSystem, Season season, List<Entry> entries, String nextCursor) {

    public SeasonStandings {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** Whether a next page exists ({@link #nextCursor()} is not null). */
    public boolean hasNext() {
        return nextCursor != null;
    }

    /**
     * One user's final standing. Equal points share a rank (1, 2, 2, 4).
     *
     * @param points the balance at the season's end
     * @param level the level then (named in the client's {@link LudusClient.Builder#acceptLanguage}, else
     *         the application's default language), or null below the first threshold or without levels
     */
    public record Entry(long rank, String userId, long points, LevelReached level) { }
}
