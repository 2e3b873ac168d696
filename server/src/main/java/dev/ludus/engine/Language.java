package dev.ludus.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whom an answer speaks to: the languages they want, most wanted first, and the application's default
 * language for when a text has none of them.
 *
 * @param wanted language ranges in the order they are tried
 * @param fallback the application's default language (a BCP 47 tag)
 */
public record Language(List<Locale.LanguageRange> wanted, String fallback) {

    public Language {
        wanted = List.copyOf(wanted);
    }

    /** Only the application's default language. */
    public static Language of(String fallback) {
        return new Language(List.of(), fallback);
    }

    /**
     * The user's own {@code locale} first, then the request's {@code Accept-Language} (ignored when
     * malformed: a bad header must not fail the write it came with; {@code *} and ranges of weight 0
     * ask for nothing), then {@code fallback}.
     */
    public static Language of(Optional<String> locale, Optional<String> acceptLanguage, String fallback) {
        List<Locale.LanguageRange> wanted = new ArrayList<>();
        locale.ifPresent(tag -> wanted.add(new Locale.LanguageRange(tag)));
        acceptLanguage.filter(header -> !header.isBlank() && header.length() <= 1000).ifPresent(header -> {
            try {
                // "*" and q=0 name no language to look for: the default is what "any" gets
                Locale.LanguageRange.parse(header).stream()
                        .filter(range -> range.getWeight() > 0 && !range.getRange().equals("*"))
                        .forEach(wanted::add);
            } catch (IllegalArgumentException ignored) {
                // a malformed header asks for nothing
            }
        });
        return new Language(wanted, fallback);
    }
}
