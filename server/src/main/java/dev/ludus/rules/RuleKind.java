package dev.ludus.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.http.JsonBody;
import java.util.List;
import java.util.Set;

/**
 * What a kind of rule is: its name and API collection, how its definitions are read and written, what
 * they refer to, and which changes of a defined rule it refuses. Implementations are stateless and
 * pure (no I/O), one instance per kind; what the routes do beyond storing a rule (a backfill, statistics
 * in its view) is the kind's {@link RuleHooks}. A kind is registered with {@link RuleService#register}
 * from the composition root, which gives it {@code /v1/<collection>} and {@code /v1/<collection>/{key}}.
 *
 * <p>Every check throws {@link dev.ludus.http.ApiException} naming the request member at fault.
 *
 * @param <R> the kind's rule: an immutable value
 */
public interface RuleKind<R> {

    /**
     * The value of the {@code kind} column and the prefix of references ({@code metric:steps}): lower
     * case letters and underscores, at most 16 characters. Messages write it with spaces.
     */
    String name();

    /** The path segment under {@code /v1}: {@code metrics}. */
    String collection();

    /** The class of the kind's rules; {@link ActiveRules#all} finds them by it. */
    Class<R> type();

    /** The rule that {@code body} defines under {@code key}, read strictly: 400 naming any bad member. */
    R read(String key, JsonBody body);

    /** The canonical JSON of a rule's definition: how it is stored and shown, and what {@link #read} reads back. */
    ObjectNode write(R rule);

    /** The rules that {@code rule} refers to, as {@code kind:key}; each must be active when it is defined. */
    default Set<String> references(R rule) {
        return Set.of();
    }

    /**
     * The request member that holds the first of the {@code missing} references, named in the 400
     * {@code unknown_rule} answer.
     */
    default String referenceField(R rule, List<String> missing) {
        return "key";
    }

    /**
     * Refuses a change of a defined rule (active or archived) that would give stored state another
     * meaning, with a 409; called after the references are checked.
     */
    default void checkChange(String key, R before, R after) {
    }

    /**
     * Checks {@code rule} against the rules active before it is written (its own previous version among
     * them, when it has one); called after its references are known to be active.
     */
    default void checkActive(String key, R rule, ActiveRules active) {
    }

    /** How a reference to a rule of this kind reads: {@code metric:steps}. */
    default String ref(String key) {
        return name() + ":" + key;
    }

    /** The kind as messages name it: {@code points system}. */
    default String noun() {
        return name().replace('_', ' ');
    }
}
