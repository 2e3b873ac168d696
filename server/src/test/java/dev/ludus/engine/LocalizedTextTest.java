package dev.ludus.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which text of a name a reader gets: their locale, their Accept-Language, the application's default, the first. */
class LocalizedTextTest {

    private static final LocalizedText NAME = texts("en", "First steps", "fr", "Premiers pas", "pt-BR", "Primeiros passos",
            "zh-Hant", "第一步");

    private static LocalizedText texts(String... tagsAndTexts) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < tagsAndTexts.length; i += 2) {
            values.put(tagsAndTexts[i], tagsAndTexts[i + 1]);
        }
        return new LocalizedText(values);
    }

    private static String pick(LocalizedText text, String locale, String acceptLanguage, String fallback) {
        return text.in(Language.of(Optional.ofNullable(locale), Optional.ofNullable(acceptLanguage), fallback));
    }

    @Test
    void the_users_locale_comes_before_the_requests_languages() {
        assertThat(pick(NAME, "fr", "pt-BR, en;q=0.8", "en")).isEqualTo("Premiers pas");
        assertThat(pick(NAME, null, "pt-BR, en;q=0.8", "en")).isEqualTo("Primeiros passos");
        assertThat(pick(NAME, "de", "pt-BR", "en")).isEqualTo("Primeiros passos");
    }

    @Test
    void accept_language_is_tried_by_weight_not_by_order() {
        assertThat(pick(NAME, null, "fr;q=0.3, zh-Hant-TW;q=0.9", "en")).isEqualTo("第一步");
        assertThat(pick(NAME, null, "fr;q=0, de", "en")).isEqualTo("First steps");
    }

    @Test
    void a_regional_wish_takes_the_language_and_a_language_wish_takes_a_region() {
        assertThat(pick(NAME, "fr-CA", null, "en")).isEqualTo("Premiers pas");
        assertThat(pick(NAME, "pt", null, "en")).isEqualTo("Primeiros passos");
        assertThat(pick(NAME, null, "zh-Hant-HK", "en")).isEqualTo("第一步");
    }

    @Test
    void without_a_match_the_applications_default_language_then_the_first_text() {
        assertThat(pick(NAME, "de", "it, ja", "fr")).isEqualTo("Premiers pas");
        assertThat(pick(NAME, null, "*", "pt-BR")).isEqualTo("Primeiros passos");
        assertThat(pick(NAME, null, null, "ja")).isEqualTo("First steps");
        assertThat(pick(texts("fr", "Premiers pas", "en", "First steps"), "de", null, "ja")).isEqualTo("Premiers pas");
    }

    @Test
    void a_malformed_accept_language_asks_for_nothing() {
        assertThat(pick(NAME, null, "en;;q=x", "fr")).isEqualTo("Premiers pas");
        assertThat(pick(NAME, null, "", "fr")).isEqualTo("Premiers pas");
    }

    @Test
    void a_plain_text_is_the_same_for_everyone() {
        LocalizedText plain = LocalizedText.plain("Steps");
        assertThat(plain.isPlain()).isTrue();
        assertThat(pick(plain, "fr", "ja", "de")).isEqualTo("Steps");
        assertThat(NAME.isPlain()).isFalse();
        assertThat(NAME.text()).isEqualTo("First steps");
    }

    @Test
    void tags_are_checked_and_made_canonical() {
        assertThat(LocalizedText.canonicalTag("pt-br")).hasValue("pt-BR");
        assertThat(LocalizedText.canonicalTag("zh-hant-tw")).hasValue("zh-Hant-TW");
        assertThat(LocalizedText.canonicalTag("EN")).hasValue("en");
        assertThat(LocalizedText.canonicalTag("english!")).isEmpty();
        assertThat(LocalizedText.canonicalTag("")).isEmpty();
        assertThat(LocalizedText.canonicalTag("en_US")).isEmpty();
        assertThatThrownBy(() -> new LocalizedText(Map.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
