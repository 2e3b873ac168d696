package dev.ludus.client;

/**
 * How a season of a points system ended for a user ({@code GET /v1/users/{id}/points/{system}/seasons},
 * {@link UsersApi#pointsSeasons}).
 *
 * @param points the user's balance at the season's end (never zero: a season that ended at zero is not
 *         kept)
 * @param level the level then (named in the user's locale, else the client's
 *         {@link LudusClient.Builder#acceptLanguage}, else the application's default language), or null
 *         below the first threshold or without levels
 */
public record UserSeason(Season season, long points, LevelReached level) { }
