package dev.ludus.engine;

/**
 * One level of a points system: reached when the balance is at least {@code threshold}.
 *
 * @param name the level's display name
 * @param threshold the balance at which the level starts
 */
public record Level(String name, long threshold) {

    /** A level as a user holds it: its 1-based position in the system's levels and its name. */
    public record Reached(int number, String name) { }
}
