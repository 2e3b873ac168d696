package dev.ludus.rulesfile;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One problem of a rules file, where it is and what it is: a page shows it next to its line, the
 * command line prints {@link #describe}.
 *
 * @param line the line of the file (from 1), or 0 when the problem is not on one line
 * @param column the column (from 1), or 0 when unknown: only syntax errors have one
 * @param rule the rule at fault as {@code section.key} ({@code achievements.first_k}), or empty for
 *     the file as a whole
 * @param field the member of the rule at fault as the API names it ({@code levels[1].threshold}), or
 *     empty for the rule as a whole
 * @param message what is wrong, in words, without the line or the rule
 */
public record Problem(int line, int column, String rule, String field, String message) {

    /** A problem of the file as a whole (its syntax, a top-level member). */
    static Problem ofFile(int line, int column, String message) {
        return new Problem(line, column, "", "", message);
    }

    /** {@code rules.yaml:12: achievements.first_k: 'trigger.threshold' is required}, in the file {@code name}. */
    public String describe(String name) {
        String where = name + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
        return where + ": " + (rule.isEmpty() ? "" : rule + ": ") + message;
    }

    /** The problem as a member of a problem+json answer. */
    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", line);
        json.put("column", column);
        json.put("rule", rule);
        json.put("field", field);
        json.put("message", message);
        return json;
    }
}
