package dev.ludus.engine;

import java.util.Optional;

/**
 * One level of a points system: reached when the balance is at least {@code threshold}.
 *
 * @param name the level's display name
 * @param threshold the balance at which the level starts
 * @param imageUrl an https address of its picture, carried by answers
 */
public record Level(LocalizedText name, long threshold, Optional<String> imageUrl) {

    /** A level with a plain name and no image. */
    public Level(String name, long threshold) {
        this(LocalizedText.plain(name), threshold, Optional.empty());
    }

    /** A level as a user holds it: its 1-based position in the system's levels, its name and its image. */
    public record Reached(int number, LocalizedText name, Optional<String> imageUrl) {

        /** A level held that has a plain name and no image. */
        public Reached(int number, String name) {
            this(number, LocalizedText.plain(name), Optional.empty());
        }
    }
}
