package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A level of a points system: it starts where the balance reaches {@code threshold}. A user's level
 * is the last one whose threshold the balance reaches. Answers about a user carry it as
 * {@link LevelReached}, its name in one language.
 *
 * @param threshold whole points, -10^18 to 10^18, strictly ascending through a system's levels
 * @param localizedName its name, 1 to 200 characters (in each language); required
 * @param imageUrl an https address of its picture (absolute, with a host, no user information, up to
 *         2,048 characters), or null for none
 */
public record Level(long threshold, @JsonProperty("name") LocalizedText localizedName, String imageUrl)
        implements Named {

    /** A level with a plain name and no picture, as this record was before names by language. */
    public Level(String name, long threshold) {
        this(name, threshold, null);
    }

    /** A level with a plain name and a picture (null: none). */
    public Level(String name, long threshold, String imageUrl) {
        this(threshold, LocalizedText.orNull(name), imageUrl);
    }

    /** A level named in several languages (BCP 47 tag to text, the first the text of last resort), with a picture or null. */
    public Level(Map<String, String> names, long threshold, String imageUrl) {
        this(threshold, LocalizedText.orNull(names), imageUrl);
    }
}
