package dev.ludus.console;

import java.util.List;

/**
 * One input of a rule form: the member of the rule's definition it holds, named by its path in the
 * definition ({@code trigger.metric}, the same name the API's refusals give), and how its text becomes
 * JSON. The form field's name is that path, so a refusal naming a member lands next to its input.
 *
 * @param name the member's path: names joined by dots; empty for the whole definition
 * @param label what the form shows
 * @param type how the text is read and shown
 * @param hint a line under the input (defaults, units, an example); may be empty
 * @param options the values of a {@link Type#CHOICE}, the first being the default
 * @param when the field whose value decides whether this one applies (empty: always)
 * @param whenValues the values of {@code when} under which this field applies
 * @param suggest the name of the rule kind whose active keys the input suggests (a reference to
 *     another rule), or empty
 * @param example what an empty input shows as an example (its placeholder), or empty
 */
public record RuleField(String name, String label, Type type, String hint, List<String> options, String when,
        List<String> whenValues, String suggest, String example) {

    /** How a field's text is read into the definition and written back from it. */
    public enum Type {
        /** One line of text, a string; left out when empty. */
        TEXT,
        /** Several lines of text, a string; left out when empty. */
        LONG_TEXT,
        /**
         * A name: one line of text, a string, or texts by language tag as a JSON object
         * ({@code {"en": "...", "fr": "..."}}); left out when empty.
         */
        TEXTS,
        /** A description: several lines of text, or texts by language tag as a JSON object; left out when empty. */
        LONG_TEXTS,
        /** A number: whole or decimal as typed; text that is no number goes as it is, for the API to refuse. */
        NUMBER,
        /** A checkbox: true or false. */
        FLAG,
        /** One of {@link #options()}, a string. */
        CHOICE,
        /** Rule keys separated by commas or spaces: an array of strings; left out when empty. */
        KEYS,
        /** A nested member (a list or an object) as YAML or JSON; left out when empty. */
        YAML
    }

    public RuleField {
        options = List.copyOf(options);
        whenValues = List.copyOf(whenValues);
    }

    public static RuleField of(String name, String label, Type type) {
        return new RuleField(name, label, type, "", List.of(), "", List.of(), "", "");
    }

    /** A {@link Type#CHOICE} between {@code options}, the first one the default. */
    public static RuleField choice(String name, String label, String... options) {
        return new RuleField(name, label, Type.CHOICE, "", List.of(options), "", List.of(), "", "");
    }

    public RuleField hint(String text) {
        return new RuleField(name, label, type, text, options, when, whenValues, suggest, example);
    }

    /** This field, applying only while the field {@code field} holds one of {@code values}. */
    public RuleField when(String field, String... values) {
        return new RuleField(name, label, type, hint, options, field, List.of(values), suggest, example);
    }

    /** This field, holding keys of rules of the kind named {@code kindName}. */
    public RuleField suggesting(String kindName) {
        return new RuleField(name, label, type, hint, options, when, whenValues, kindName, example);
    }

    /** This field, showing {@code text} as an example while it is empty. */
    public RuleField example(String text) {
        return new RuleField(name, label, type, hint, options, when, whenValues, suggest, text);
    }

    /** True when the field names another rule: a refusal about a missing rule goes next to it. */
    public boolean reference() {
        return !suggest.isEmpty();
    }

    /** The id of the input in the page. */
    public String id() {
        return "f-" + (name.isEmpty() ? "definition" : name);
    }

    /** The field's name in the form: its path, or {@code definition} for the whole definition. */
    public String formName() {
        return name.isEmpty() ? "definition" : name;
    }

    /** {@code data-when-in} of the input's wrapper: the values under which it applies, space-separated. */
    public String whenIn() {
        return String.join(" ", whenValues);
    }
}
