package dev.ludus.client;

import java.util.Map;

/**
 * A rule whose name and description its definition gives as one text or as texts by language
 * ({@link LocalizedText}). {@link #description()} and {@link #descriptions()} read the description
 * without the value type, as {@link Named} the name.
 */
public interface Described extends Named {

    /** The description as given, or null for none. */
    LocalizedText localizedDescription();

    /** The description's plain text, or the first of its texts by language; null for none. */
    default String description() {
        return LocalizedText.textOf(localizedDescription());
    }

    /** The description's texts by BCP 47 language tag, in the order given; empty for a plain one (or none). */
    default Map<String, String> descriptions() {
        return LocalizedText.byLanguageOf(localizedDescription());
    }
}
