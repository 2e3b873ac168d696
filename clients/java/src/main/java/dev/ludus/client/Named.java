package dev.ludus.client;

import java.util.Map;

/**
 * A rule or a level whose name its definition gives as one text or as texts by language
 * ({@link LocalizedText}). {@link #name()} and {@link #names()} read it without the value type.
 */
public interface Named {

    /** The name as given, or null where none was given (a rule's name is then its key). */
    LocalizedText localizedName();

    /** The name's plain text, or the first of its texts by language; null where none was given. */
    default String name() {
        return LocalizedText.textOf(localizedName());
    }

    /** The name's texts by BCP 47 language tag, in the order given; empty for a plain name (or none). */
    default Map<String, String> names() {
        return LocalizedText.byLanguageOf(localizedName());
    }
}
