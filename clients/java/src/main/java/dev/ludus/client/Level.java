package dev.ludus.client;

/**
 * A level of a points system: it starts where the balance reaches {@code threshold}. A user's level
 * is the last one whose threshold the balance reaches.
 *
 * @param name 1 to 200 characters
 * @param threshold whole points, -10^18 to 10^18, strictly ascending through a system's levels
 */
public record Level(String name, long threshold) { }
