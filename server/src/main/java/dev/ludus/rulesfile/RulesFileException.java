package dev.ludus.rulesfile;

import dev.ludus.http.ApiException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A rules file that cannot be applied: 400 {@code invalid_rules_file} with every problem found, in
 * line order ({@link #problems()}, and {@code problems} in the problem+json answer). Nothing was
 * changed. The message is what {@code ludus apply} prints:
 * {@code rules.yaml: 2 problems, nothing was changed:} and one line per problem, or the one problem
 * of a file that cannot be read at all.
 */
public final class RulesFileException extends ApiException {

    private final transient List<Problem> problems;

    private RulesFileException(String message, List<Problem> problems) {
        super(400, "invalid_rules_file", "Invalid rules file", message,
                Map.of("problems", problems.stream().map(Problem::json).toList()), Map.of());
        this.problems = List.copyOf(problems);
    }

    /** The one problem that stops the reading of the file {@code name} (its syntax, its shape). */
    static RulesFileException describing(String name, Problem problem) {
        return new RulesFileException(problem.describe(name), List.of(problem));
    }

    /** The one problem that stops the reading of a file, with {@code message} as the message. */
    static RulesFileException withMessage(String message, Problem problem) {
        return new RulesFileException(message, List.of(problem));
    }

    /** The problems of the rules of file {@code name}, listed in line order. */
    static RulesFileException listing(String name, List<Problem> problems) {
        List<Problem> sorted = new ArrayList<>(problems);
        sorted.sort(Comparator.comparingInt(Problem::line));
        List<String> lines = sorted.stream().map(problem -> problem.describe(name)).toList();
        return new RulesFileException(name + ": " + sorted.size() + (sorted.size() == 1 ? " problem" : " problems")
                + ", nothing was changed:\n  " + String.join("\n  ", lines), sorted);
    }

    /** Every problem, in line order; at least one. */
    public List<Problem> problems() {
        return problems;
    }
}
