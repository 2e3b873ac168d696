package dev.ludus.client;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A rule's name or description as its definition gives it: one plain text, the same in every language,
 * or texts by BCP 47 language tag, in the order given. Sent and read as the server takes it: a JSON
 * string, or an object of strings ({@code {"en": "First steps", "fr": "Premiers pas"}}, 1 to 50
 * languages; the server answers tags in canonical form, {@code pt-br} as {@code pt-BR}).
 *
 * <p>Definitions and the rules read back carry one ({@link Named#localizedName()},
 * {@link Described#localizedDescription()}). Answers about a user carry a plain string instead, the one
 * text the server picked: the user's {@code locale}, else the request's {@code Accept-Language}
 * ({@link LudusClient.Builder#acceptLanguage}), else the application's default language
 * ({@link Application#defaultLanguage()}), else the first text given.
 */
public final class LocalizedText {

    private final String plain;
    private final Map<String, String> byLanguage;

    private LocalizedText(String plain, Map<String, String> byLanguage) {
        this.plain = plain;
        this.byLanguage = byLanguage;
    }

    /** One text for every language. */
    public static LocalizedText of(String text) {
        return new LocalizedText(Objects.requireNonNull(text, "text"), Map.of());
    }

    /**
     * Texts by BCP 47 language tag, at least one, kept in {@code texts}' iteration order: the first is
     * the text of last resort (pass a {@link LinkedHashMap} where that matters; {@code Map.of} has no order).
     */
    public static LocalizedText of(Map<String, String> texts) {
        Objects.requireNonNull(texts, "texts");
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("texts by language need at least one language");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        texts.forEach((tag, text) -> copy.put(Objects.requireNonNull(tag, "language tag"),
                Objects.requireNonNull(text, () -> "the text for " + tag)));
        return new LocalizedText(null, Collections.unmodifiableMap(copy));
    }

    /** {@link #of(String)}, or null for null: a member left to its default. */
    static LocalizedText orNull(String text) {
        return text == null ? null : of(text);
    }

    /** {@link #of(Map)}, or null for null: a member left to its default. */
    static LocalizedText orNull(Map<String, String> texts) {
        return texts == null ? null : of(texts);
    }

    /** {@code text}'s {@link #text()}, or null for null: a member given no text. */
    static String textOf(LocalizedText text) {
        return text == null ? null : text.text();
    }

    /** {@code text}'s {@link #byLanguage()}, or an empty map for null. */
    static Map<String, String> byLanguageOf(LocalizedText text) {
        return text == null ? Map.of() : text.byLanguage();
    }

    /** The plain text, or the first of the texts by language. */
    public String text() {
        return plain != null ? plain : byLanguage.values().iterator().next();
    }

    /** The texts by language tag in the order given; empty for a plain text. */
    public Map<String, String> byLanguage() {
        return byLanguage;
    }

    /** As JSON: the string, or the object of strings. */
    @JsonValue
    Object json() {
        return plain != null ? plain : byLanguage;
    }

    /** Reads a JSON string or object of strings (as the server writes it, in its order). */
    @JsonCreator
    static LocalizedText fromJson(Object json) {
        if (json instanceof String text) {
            return of(text);
        }
        if (json instanceof Map<?, ?> texts) {
            Map<String, String> strings = new LinkedHashMap<>();
            texts.forEach((tag, text) -> {
                if (!(text instanceof String)) {
                    throw new IllegalArgumentException("the text for " + tag + " is not a string");
                }
                strings.put((String) tag, (String) text);
            });
            return of(strings);
        }
        throw new IllegalArgumentException("a name or description is a string or an object of strings");
    }

    /** Equal to the same plain text, or to the same texts by language in the same order (the first matters). */
    @Override
    public boolean equals(Object other) {
        return other instanceof LocalizedText that && Objects.equals(plain, that.plain)
                && List.copyOf(byLanguage.entrySet()).equals(List.copyOf(that.byLanguage.entrySet()));
    }

    @Override
    public int hashCode() {
        return Objects.hash(plain, byLanguage);
    }

    /** The plain text, or the texts by language as {@code {en=First steps, fr=Premiers pas}}. */
    @Override
    public String toString() {
        return plain != null ? plain : byLanguage.toString();
    }
}
