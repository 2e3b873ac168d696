package dev.ludus.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule form as a page shows it: the kind's fields, what they hold, the errors next to them, whether
 * the rule exists already (its key cannot change then), and the keys that reference fields suggest.
 *
 * @param base the address of the kind's pages ({@code /console/apps/app_1/rules/achievements})
 * @param noun the kind as a heading names one rule ({@code Achievement})
 * @param values form field name to text, as typed or as stored; {@code key} among them
 * @param errors form field name to the words of its error; {@code ""} for the form as a whole
 * @param suggestions active keys by kind name
 */
public record RuleEditor(String base, String noun, RuleForm form, Map<String, String> values,
        Map<String, String> errors, boolean existing, Map<String, List<String>> suggestions) {

    public RuleEditor {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        suggestions = Map.copyOf(suggestions);
    }

    /** The same form showing {@code more} errors instead of its own. */
    public RuleEditor withErrors(Map<String, String> more) {
        return new RuleEditor(base, noun, form, values, more, existing, suggestions);
    }

    public String value(String name) {
        return values.getOrDefault(name, "");
    }

    public String error(String name) {
        return errors.getOrDefault(name, "");
    }

    /** The value a choice shows: the one held, else the first option (the kind's default). */
    public String chosen(RuleField field) {
        String held = value(field.formName());
        return held.isEmpty() && !field.options().isEmpty() ? field.options().getFirst() : held;
    }

    /** Whether the field applies to what the form holds now (a hidden-by-default field otherwise). */
    public boolean applies(RuleField field) {
        return form.applies(field, values);
    }

    /** The kinds whose keys some field suggests, each once: one list of suggestions per kind. */
    public List<String> suggestedKinds() {
        List<String> kinds = new ArrayList<>();
        form.fields().stream().map(RuleField::suggest).filter(kind -> !kind.isEmpty() && !kinds.contains(kind))
                .forEach(kinds::add);
        return kinds;
    }

    public List<String> suggested(String kindName) {
        return suggestions.getOrDefault(kindName, List.of());
    }
}
