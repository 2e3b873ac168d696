package dev.ludus.client;

/**
 * A level as a user holds it in a points system.
 *
 * @param number 1-based position in the system's levels
 */
public record LevelReached(int number, String name) { }
