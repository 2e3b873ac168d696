package dev.ludus.client;

/**
 * A user's level moved (up or down) in a points system.
 *
 * @param previous the level before, or null below the first threshold
 * @param current the level after, or null below the first threshold
 */
public record LevelChange(String system, LevelReached previous, LevelReached current) { }
