package dev.ludus.rulesfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.audit.Actor;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
import dev.ludus.http.RequestBodies;
import dev.ludus.rules.RuleKind;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.StoredRule;
import dev.ludus.tenancy.ApplicationRequests;
import dev.ludus.tenancy.TenancyService;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An application's rules as one rules file (docs/rules-file.md), in process, for the console: the
 * file of its active rules ({@link #export}), what loading a file would change ({@link #plan}), and
 * loading it ({@link #apply}). The same reading, comparison and order as {@code ludus apply}, and every
 * change made through {@link RuleService} as the rules API makes it: checked, versioned, audited, with
 * the kinds' hooks (an achievement's or a leaderboard's backfill); the application's settings that a
 * file holds through {@link TenancyService#updateApplication}, as {@code PATCH /v1/application} changes them.
 *
 * <p>A file is checked whole before anything is written: its text, every rule with the kinds' codecs,
 * every reference, and then every change in order on a draft of the application's rules that is
 * thrown away ({@link RuleService#dryRun}), with the very checks of the API (a change a kind refuses,
 * a rule still in use). A file that fails any of them changes nothing and is refused with a {@link
 * RulesFileException} listing each problem with its line. Then each change is made in its own
 * transaction, as one API request would be; one that is refused all the same (the rules changed
 * between the check and the write) stops the run with a {@link RulesApplyException} that says which
 * changes were made before it. Applying the file again finishes the job: it compares again and
 * writes only what is still missing. Stateless; thread-safe.
 */
public final class RulesDocument {

    /** How messages name the file: {@code rules.yaml:12: achievements.first_k: ...}. */
    public static final String FILE_NAME = "rules.yaml";
    /** The longest text read, in characters: the API's limit on a request body. */
    public static final int MAX_CHARS = RequestBodies.MAX_BYTES;

    /**
     * What loading a file would change.
     *
     * @param changes every rule to create, restore, update or archive, in the order they would be made
     * @param unchanged how many rules of the file are already as the file says
     * @param kept the rules active in the application that the file does not hold ({@code kind:key}),
     *     kept because the plan does not prune; empty when it does
     * @param rules how many rules the file holds
     */
    public record Plan(List<ApplyPlan.Change> changes, int unchanged, List<String> kept, int rules) {

        public Plan {
            changes = List.copyOf(changes);
            kept = List.copyOf(kept);
        }

        /** True when loading the file changes nothing. */
        public boolean empty() {
            return changes.isEmpty();
        }

        /** {@code Would make 3 changes: 1 to create, 2 to update.} or {@code Nothing to change.} */
        public String summary() {
            return empty() ? "Nothing to change."
                    : "Would make " + ApplyPlan.count(changes.size()) + ": " + ApplyPlan.summary(changes, false) + ".";
        }
    }

    /**
     * What loading a file changed.
     *
     * @param changes every rule created, restored, updated or archived, in the order it was
     * @param unchanged how many rules of the file were already as the file says
     * @param kept the active rules that the file does not hold, kept (when not pruning)
     * @param backfilledUsers for each created or changed rule that granted something at once ({@code
     *     achievement:first_k}, {@code leaderboard:weekly}), to how many users
     */
    public record Applied(List<ApplyPlan.Change> changes, int unchanged, List<String> kept,
            Map<String, Integer> backfilledUsers) {

        public Applied {
            changes = List.copyOf(changes);
            kept = List.copyOf(kept);
            backfilledUsers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(backfilledUsers));
        }

        /** {@code Applied 3 changes: 1 created, 2 updated.} or {@code Nothing to change.} */
        public String summary() {
            return changes.isEmpty() ? "Nothing to change."
                    : "Applied " + ApplyPlan.count(changes.size()) + ": " + ApplyPlan.summary(changes, true) + ".";
        }
    }

    private final RuleService rules;
    private final TenancyService tenancy;

    /** {@code rules} has the standard kinds registered, with their hooks, as the composition root does. */
    public RulesDocument(RuleService rules, TenancyService tenancy) {
        this.rules = rules;
        this.tenancy = tenancy;
    }

    /**
     * The application's active rules as a rules file, which {@link #plan} (and {@code ludus apply})
     * reads back to the same rules: every kind the file holds, sections in the file's order, rules by
     * key, members at their default left out. Hidden achievements are in it (with {@code hidden: true});
     * archived rules are not (a file holds what is active, and loading a file that holds an archived
     * rule restores it).
     */
    public String export(String applicationId) {
        return RulesExport.yaml(applicationId, tenancy.application(applicationId).corsOrigins(),
                rules.active(applicationId).stored());
    }

    /**
     * What loading {@code text} into the application would change, archiving the active rules it does
     * not hold when {@code prune}; nothing is written. {@link RulesFileException} (400) listing every
     * problem, with its line, rule and field, when the file cannot be loaded.
     */
    public Plan plan(String applicationId, String text, boolean prune) {
        Checked checked = check(applicationId, text, prune);
        return new Plan(inOrder(checked.plan()), checked.plan().unchanged(), checked.plan().notInFile(),
                checked.file().size());
    }

    /**
     * Loads {@code text} into the application as {@code actor}: plans again from the text and the
     * rules as they are now (a plan shown earlier is never applied as such), checks it whole, then
     * makes each change through {@link RuleService#putWithHooks} and {@link RuleService#archive}, each
     * audited as {@code actor}'s. {@link RulesFileException} (400) when the file cannot be loaded, with
     * nothing changed; {@link RulesApplyException} when a change is refused after the check passed.
     */
    public Applied apply(Actor actor, String applicationId, String text, boolean prune) {
        Checked checked = check(applicationId, text, prune);
        ApplyPlan plan = checked.plan();
        List<ApplyPlan.Change> done = new ArrayList<>();
        Map<String, Integer> backfilled = new LinkedHashMap<>();
        for (ApplyPlan.Step step : plan.steps()) {
            StandardKind kind = step.change().kind();
            String key = step.change().key();
            try {
                if (step.change().isSettings()) {
                    tenancy.updateApplication(actor, applicationId, ApplicationRequests.changes(RulesFile.body(step.body())));
                } else if (step.archive()) {
                    rules.archive(actor, applicationId, kind.ruleKind(), key);
                } else {
                    JsonNode users = rules.putWithHooks(actor, applicationId, kind.ruleKind(), key,
                            RulesFile.body(step.body())).view().path("backfilled_users");
                    if (users.canConvertToInt() && users.intValue() > 0) {
                        backfilled.merge(kind.ref(key), users.intValue(), Integer::sum);
                    }
                }
            } catch (ApiException refusal) {
                throw new RulesApplyException(step.change(), refusal, done, plan.changes().size());
            }
            if (step.completes()) {
                done.add(step.change());
            }
        }
        return new Applied(done, plan.unchanged(), plan.notInFile(), backfilled);
    }

    /** A file read and planned against the application's rules, every change checked on a draft. */
    private record Checked(RulesFile file, ApplyPlan plan) { }

    private Checked check(String applicationId, String text, boolean prune) {
        if (text.length() > MAX_CHARS) {
            throw RulesFileException.describing(FILE_NAME, Problem.ofFile(0, 0,
                    "the file is longer than " + MAX_CHARS + " characters"));
        }
        RulesFile file = RulesFile.parse(FILE_NAME, text);
        Map<StandardKind, Map<String, ObjectNode>> views = new EnumMap<>(StandardKind.class);
        for (StandardKind kind : StandardKind.values()) {
            views.put(kind, views(applicationId, kind.ruleKind()));
        }
        ApplyPlan plan = ApplyPlan.build(file, views, settingsView(applicationId), prune);
        if (plan.steps().stream().anyMatch(step -> !step.change().isSettings())) {
            rules.dryRun(applicationId, draft -> {
                for (ApplyPlan.Step step : plan.steps()) {
                    try {
                        if (step.change().isSettings()) {
                            continue; // read and checked as the API reads them when the file was parsed
                        }
                        if (step.archive()) {
                            draft.archive(step.change().kind().ruleKind(), step.change().key());
                        } else {
                            draft.put(step.change().kind().ruleKind(), step.change().key(), RulesFile.body(step.body()));
                        }
                    } catch (ApiException refusal) {
                        throw RulesFileException.listing(file.name(), List.of(refused(file, step, refusal)));
                    }
                }
                return plan;
            });
        }
        return new Checked(file, plan);
    }

    /** The settings a rules file may hold, as the application's view shows them. */
    private ObjectNode settingsView(String applicationId) {
        ObjectNode view = RulesFile.JSON.createObjectNode();
        tenancy.application(applicationId).corsOrigins().forEach(view.putArray("cors_origins")::add);
        return view;
    }

    /** A change that the rules refuse, as a problem of the file: at the rule's line when the file holds it. */
    private static Problem refused(RulesFile file, ApplyPlan.Step step, ApiException refusal) {
        StandardKind kind = step.change().kind();
        String key = step.change().key();
        String message = refusal.detail() + ("invalid_request".equals(refusal.error()) ? "" : " (" + refusal.error() + ")");
        if (file.has(kind, key)) {
            return file.problem(kind, key, RulesFile.memberOf(refusal), message);
        }
        return new Problem(0, 0, kind.collection() + "." + key, "", "cannot be archived: " + message);
    }

    /** Each change once, in the order of its first write. */
    private static List<ApplyPlan.Change> inOrder(ApplyPlan plan) {
        Set<ApplyPlan.Change> changes = new LinkedHashSet<>();
        plan.steps().forEach(step -> changes.add(step.change()));
        return List.copyOf(changes);
    }

    /** Every rule of a kind, archived ones included, as the API shows it, by key. */
    private <R> Map<String, ObjectNode> views(String applicationId, RuleKind<R> kind) {
        Map<String, ObjectNode> views = new LinkedHashMap<>();
        Optional<String> after = Optional.empty();
        while (true) {
            PageRequest.Page<StoredRule<R>> page = rules.list(applicationId, kind,
                    new PageRequest(PageRequest.MAX_LIMIT, after), true, rule -> true);
            page.items().forEach(rule -> views.put(rule.key(), rule.view()));
            if (page.nextCursor() == null) {
                return views;
            }
            after = Optional.of(page.items().getLast().key());
        }
    }
}
