package dev.ludus.client;

/**
 * A level as a user holds it in a points system.
 *
 * @param number 1-based position in the system's levels
 * @param name its name in the reader's language (as {@link Unlock#name()})
 * @param imageUrl the https address of its picture, or null for none
 */
public record LevelReached(int number, String name, String imageUrl) {

    /**
     * The level without a picture, as this record was before it had {@link #imageUrl()} (null), so that
     * code building answers (test doubles) keeps compiling.
     */
    public LevelReached(int number, String name) {
        this(number, name, null);
    }
}
