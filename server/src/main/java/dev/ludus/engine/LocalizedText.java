package dev.ludus.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A name or description as a rule gives it: one plain text, or texts by BCP 47 language tag
 * ({@code {"en": "First steps", "fr": "Premiers pas"}}), in the order given. {@link #in} picks the one
 * a reader wants; {@link #text} is the first, for places that speak to no one in particular.
 *
 * @param values the texts by canonical language tag, or the plain text under {@value #PLAIN}
 */
public record LocalizedText(Map<String, String> values) {

    /** The key of a plain text, which has no language of its own. */
    public static final String PLAIN = "";

    public LocalizedText {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a text needs at least one value");
        }
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** A text with no language of its own. */
    public static LocalizedText plain(String text) {
        return new LocalizedText(Map.of(PLAIN, text));
    }

    /** True when this is one plain text, not texts by language. */
    public boolean isPlain() {
        return values.containsKey(PLAIN);
    }

    /** The first text given: the plain text, or the first language's. */
    public String text() {
        return values.values().iterator().next();
    }

    /**
     * The text for {@code language}: the first of its wanted languages this text has (a wanted
     * {@code fr-CA} takes {@code fr}; failing that, a wanted {@code fr} takes {@code fr-CA}), else
     * the application's default language, else the first text given.
     */
    public String in(Language language) {
        if (isPlain()) {
            return text();
        }
        List<String> tags = new ArrayList<>(values.keySet());
        return pick(language.wanted(), tags)
                .or(() -> pick(Locale.LanguageRange.parse(language.fallback()), tags))
                .map(values::get)
                .orElseGet(this::text);
    }

    private static Optional<String> pick(List<Locale.LanguageRange> wanted, List<String> tags) {
        if (wanted.isEmpty()) {
            return Optional.empty();
        }
        String found = Locale.lookupTag(wanted, tags);
        if (found != null) {
            return Optional.of(found);
        }
        return Locale.filterTags(wanted, tags).stream().findFirst();
    }

    /** The canonical form of a BCP 47 tag; empty when {@code tag} is not well formed. */
    public static Optional<String> canonicalTag(String tag) {
        try {
            String canonical = new Locale.Builder().setLanguageTag(tag).build().toLanguageTag();
            return canonical.isEmpty() || "und".equals(canonical) ? Optional.empty() : Optional.of(canonical);
        } catch (java.util.IllformedLocaleException e) {
            return Optional.empty();
        }
    }
}
