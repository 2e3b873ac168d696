/**
 * Seasons of points systems, read back: the seasons a system's balances ended, each season's final
 * standings, and a user's own past seasons. The engine ends seasons ({@code dev.ludus.engine.Season});
 * the store keeps their final standings in {@code points_seasons}.
 */
package dev.ludus.seasons;
