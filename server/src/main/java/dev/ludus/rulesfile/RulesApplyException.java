package dev.ludus.rulesfile;

import dev.ludus.http.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A change of a checked rules file that the rules refused when it was made (they changed between the
 * check and the write): the refusal's status, error code and members, a detail that says how far the
 * run got, and the changes made before it ({@link #applied()}), which stay. Applying the file again
 * makes the rest.
 */
public final class RulesApplyException extends ApiException {

    private final transient ApplyPlan.Change refused;
    private final transient List<ApplyPlan.Change> applied;

    RulesApplyException(ApplyPlan.Change refused, ApiException refusal, List<ApplyPlan.Change> applied, int changes) {
        super(refusal.status(), refusal.error(), refusal.title(), message(refused, refusal, applied, changes),
                members(refusal, applied), refusal.headers());
        this.refused = refused;
        this.applied = List.copyOf(applied);
    }

    /** The change that was refused. */
    public ApplyPlan.Change refused() {
        return refused;
    }

    /** The changes made before it, in order. */
    public List<ApplyPlan.Change> applied() {
        return applied;
    }

    private static String message(ApplyPlan.Change refused, ApiException refusal, List<ApplyPlan.Change> applied,
            int changes) {
        String rule = refused.noun() + " '" + refused.key() + "'";
        return (refused.action() == ApplyPlan.Action.ARCHIVE ? "archiving " : "writing ") + rule + " was refused: "
                + refusal.detail() + "; " + (applied.isEmpty() ? "nothing was changed"
                        : "applied " + applied.size() + " of " + changes + " changes before it ("
                                + ApplyPlan.summary(applied, true) + "): apply the file again for the rest");
    }

    private static Map<String, Object> members(ApiException refusal, List<ApplyPlan.Change> applied) {
        Map<String, Object> members = new LinkedHashMap<>(refusal.members());
        members.put("applied", applied.size());
        return members;
    }
}
