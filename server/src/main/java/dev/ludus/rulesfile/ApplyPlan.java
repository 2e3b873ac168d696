package dev.ludus.rulesfile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ludus apply} (or the console) has to do to bring an application's rules in line with a
 * rules file: the changes (to show) and the writes that make them (to send), in an order in which
 * every rule that a PUT refers to is already active and no archived rule is still referred to.
 *
 * <p>The comparison is with the server's canonical view of each rule: the file's rule is read with
 * the server's codec, which fills the defaults, and only the members of the definition are compared
 * (numbers by value), never the view's history or statistics. Pure: the server's rules come in as
 * their views.
 */
public final class ApplyPlan {

    /** Members of a rule's view that are not part of its definition. */
    public static final Set<String> VIEW_ONLY = Set.of("key", "created_at", "updated_at", "archived_at", "completions",
            "rarity", "unlocked", "backfilled_users");

    /** What a change does to a rule. */
    public enum Action {
        CREATE("+", "created"), RESTORE("+", "restored"), UPDATE("~", "updated"), ARCHIVE("-", "archived");

        private final String sign;
        private final String done;

        Action(String sign, String done) {
            this.sign = sign;
            this.done = done;
        }

        /** How a line of the plan starts: {@code +}, {@code ~} or {@code -}. */
        public String sign() {
            return sign;
        }

        /** The action done, in words: {@code created}. */
        public String done() {
            return done;
        }
    }

    /**
     * One rule to create, restore from the archive, update or archive, with the members that differ
     * (none for a creation or an archiving); or the application's settings to update ({@link
     * #settings}), whose {@code kind} is null.
     */
    public record Change(Action action, StandardKind kind, String key, List<RuleDiff.Difference> differences) {

        /** The key of the settings' change. */
        public static final String SETTINGS_KEY = "settings";

        public Change {
            differences = List.copyOf(differences);
        }

        /** The application's settings that the file changes. */
        public static Change settings(List<RuleDiff.Difference> differences) {
            return new Change(Action.UPDATE, null, SETTINGS_KEY, differences);
        }

        /** True for the application's settings, false for a rule. */
        public boolean isSettings() {
            return kind == null;
        }

        /** The file's member that holds what changes: {@code achievements}, or {@code application}. */
        public String section() {
            return isSettings() ? RulesFile.APPLICATION : kind.collection();
        }

        /** What changes, in words: {@code achievement}, or {@code application}. */
        public String noun() {
            return isSettings() ? RulesFile.APPLICATION : RulesFile.noun(kind);
        }

        /** {@code ~ achievement first_k: trigger.threshold 1000 -> 2000}, as {@code ludus apply} prints it. */
        public String describe() {
            String rule = action.sign + " " + noun() + " " + key;
            return switch (action) {
                case CREATE, ARCHIVE -> rule;
                case RESTORE -> rule + " (restored from the archive"
                        + (differences.isEmpty() ? "" : "; " + joined(differences)) + ")";
                case UPDATE -> rule + ": " + joined(differences);
            };
        }

        private static String joined(List<RuleDiff.Difference> differences) {
            return String.join(", ", differences.stream().map(RuleDiff.Difference::toString).toList());
        }
    }

    /**
     * One request: PUT {@code body}, or DELETE (archive) when the body is null; for the application's
     * settings ({@link Change#isSettings}), PATCH {@code body}.
     *
     * @param completes whether this request completes its change (a points system may take two)
     * @param canonical what the server should answer after the last PUT of a rule, or null
     * @param label the line to print once the request succeeded
     */
    public record Step(Change change, ObjectNode body, boolean completes, ObjectNode canonical, String label) {

        public boolean archive() {
            return body == null;
        }
    }

    private final List<Change> changes = new ArrayList<>();
    private final List<Step> steps = new ArrayList<>();
    private final List<String> notInFile = new ArrayList<>();
    private int unchanged;

    private ApplyPlan() { }

    /** The changes: the file's rules in file order, kind by kind, then the archiving. */
    public List<Change> changes() {
        return List.copyOf(changes);
    }

    /** The writes that make the changes, in the order to make them. */
    public List<Step> steps() {
        return List.copyOf(steps);
    }

    /** How many rules of the file the server already holds as they are. */
    public int unchanged() {
        return unchanged;
    }

    /** Rules active on the server that the file does not hold ({@code kind:key}), when not pruning. */
    public List<String> notInFile() {
        return List.copyOf(notInFile);
    }

    /** {@code 3 changes} or {@code 1 change}. */
    public static String count(int changes) {
        return changes + (changes == 1 ? " change" : " changes");
    }

    /** {@code 2 created, 1 updated} or, for a plan ({@code done} false), {@code 2 to create, 1 to update}. */
    public static String summary(List<Change> changes, boolean done) {
        Map<Action, Integer> counts = new EnumMap<>(Action.class);
        changes.forEach(change -> counts.merge(change.action(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((action, n) -> parts.add(n + (done ? " " + action.done
                : " to " + action.name().toLowerCase(java.util.Locale.ROOT))));
        return String.join(", ", parts);
    }

    /**
     * The plan for {@code file} against {@code server} (every rule of each kind by key, archived ones
     * included, as the server shows them) and {@code application} (the application's view, as {@code GET
     * /v1/application} answers it; only read when the file holds settings). The settings come first,
     * then the rules. {@link RulesFileException} when a rule of the file refers to a rule that would
     * not be active.
     */
    public static ApplyPlan build(RulesFile file, Map<StandardKind, Map<String, ObjectNode>> server,
            ObjectNode application, boolean prune) {
        checkReferences(file, server, prune);
        ApplyPlan plan = new ApplyPlan();
        file.settings().ifPresent(settings -> {
            List<RuleDiff.Difference> differences = RuleDiff.differences(application, settings);
            if (!differences.isEmpty()) {
                Change change = Change.settings(differences);
                plan.changes.add(change);
                plan.steps.add(new Step(change, settings, true, settings, change.describe()));
            }
        });
        Map<StandardKind, Map<String, Change>> changes = new EnumMap<>(StandardKind.class);
        for (StandardKind kind : StandardKind.values()) {
            Map<String, Change> byKey = new java.util.HashMap<>();
            changes.put(kind, byKey);
            for (RulesFile.Rule rule : file.rules(kind)) {
                ObjectNode view = server.get(kind).get(rule.key());
                Change change;
                if (view == null) {
                    change = new Change(Action.CREATE, kind, rule.key(), List.of());
                } else if (!active(view)) {
                    change = new Change(Action.RESTORE, kind, rule.key(), RuleDiff.differences(view, rule.canonical()));
                } else {
                    List<RuleDiff.Difference> differences = RuleDiff.differences(view, rule.canonical());
                    if (differences.isEmpty()) {
                        plan.unchanged++;
                        continue;
                    }
                    change = new Change(Action.UPDATE, kind, rule.key(), differences);
                }
                byKey.put(rule.key(), change);
                plan.changes.add(change);
            }
        }
        plan.orderPuts(file, server, changes);
        if (prune) {
            plan.orderArchives(file, server);
        } else {
            for (StandardKind kind : StandardKind.values()) {
                server.get(kind).forEach((key, view) -> {
                    if (active(view) && !file.has(kind, key)) {
                        plan.notInFile.add(kind.ref(key));
                    }
                });
            }
        }
        return plan;
    }

    /**
     * Metrics; points systems (those with triggers on achievements that do not exist yet wait, or,
     * when an achievement to be written rewards them, go first without those triggers); achievements,
     * prerequisites first; the points systems that waited; leaderboards, rewards and team leaderboards, which
     * only refer.
     */
    private void orderPuts(RulesFile file, Map<StandardKind, Map<String, ObjectNode>> server,
            Map<StandardKind, Map<String, Change>> changes) {
        for (RulesFile.Rule metric : file.rules(StandardKind.METRIC)) {
            put(metric, changes);
        }
        for (RulesFile.Rule streak : file.rules(StandardKind.STREAK)) {
            put(streak, changes);
        }
        Set<String> rewarded = new HashSet<>();
        for (RulesFile.Rule achievement : file.rules(StandardKind.ACHIEVEMENT)) {
            JsonNode reward = achievement.canonical().path("reward");
            if (changes.get(StandardKind.ACHIEVEMENT).containsKey(achievement.key()) && reward.isObject()) {
                rewarded.add(reward.path("system").asText());
            }
        }
        List<RulesFile.Rule> waiting = new ArrayList<>();
        Map<String, List<String>> trimmed = new java.util.HashMap<>();
        for (RulesFile.Rule system : file.rules(StandardKind.POINTS_SYSTEM)) {
            Change change = changes.get(StandardKind.POINTS_SYSTEM).get(system.key());
            if (change == null) {
                continue;
            }
            List<String> missing = new ArrayList<>();
            for (References.Ref ref : References.of(StandardKind.POINTS_SYSTEM, system.canonical())) {
                if (ref.kind() == StandardKind.ACHIEVEMENT && !active(server.get(StandardKind.ACHIEVEMENT).get(ref.key()))
                        && !missing.contains(ref.key())) {
                    missing.add(ref.key());
                }
            }
            if (missing.isEmpty()) {
                put(system, changes);
                continue;
            }
            waiting.add(system);
            if (!active(server.get(StandardKind.POINTS_SYSTEM).get(system.key())) && rewarded.contains(system.key())) {
                trimmed.put(system.key(), missing);
                steps.add(new Step(change, withoutAchievementTriggers(system.body(), missing), false, null,
                        change.describe() + " (for now without its " + triggers(missing) + " on " + achievements(missing)
                                + (missing.size() == 1 ? ", which does not exist yet)" : ", which do not exist yet)")));
            }
        }
        for (RulesFile.Rule achievement : file.achievementOrder()) {
            put(achievement, changes);
        }
        for (RulesFile.Rule system : waiting) {
            Change change = changes.get(StandardKind.POINTS_SYSTEM).get(system.key());
            List<String> added = trimmed.get(system.key());
            steps.add(new Step(change, system.body(), true, system.canonical(), added == null ? change.describe()
                    : "  " + RulesFile.noun(StandardKind.POINTS_SYSTEM) + " " + system.key() + ": " + triggers(added) + " on "
                            + achievements(added) + " added"));
        }
        for (RulesFile.Rule leaderboard : file.rules(StandardKind.LEADERBOARD)) {
            put(leaderboard, changes);
        }
        for (RulesFile.Rule reward : file.rules(StandardKind.REWARD)) {
            put(reward, changes);
        }
        for (RulesFile.Rule board : file.rules(StandardKind.TEAM_LEADERBOARD)) {
            put(board, changes);
        }
        for (RulesFile.Rule quest : file.rules(StandardKind.QUEST)) {
            put(quest, changes);
        }
    }

    private void put(RulesFile.Rule rule, Map<StandardKind, Map<String, Change>> changes) {
        Change change = changes.get(rule.kind()).get(rule.key());
        if (change != null) {
            steps.add(new Step(change, rule.body(), true, rule.canonical(), change.describe()));
        }
    }

    /**
     * Archives what the server holds and the file does not, each rule after every rule that refers to
     * it (achievements first where there is a choice, then points systems, then metrics). A points
     * system and an achievement that refer to each other cannot be archived either way round, so
     * the points system is first written without its triggers on the achievements being archived.
     */
    private void orderArchives(RulesFile file, Map<StandardKind, Map<String, ObjectNode>> server) {
        record Pending(StandardKind kind, String key, ObjectNode view, Change change) { }
        List<Pending> remaining = new ArrayList<>();
        for (StandardKind kind : StandardKind.values()) {
            server.get(kind).forEach((key, view) -> {
                if (active(view) && !file.has(kind, key)) {
                    remaining.add(new Pending(kind, key, view, new Change(Action.ARCHIVE, kind, key, List.of())));
                }
            });
        }
        Comparator<Pending> preference = Comparator.<Pending>comparingInt(pending -> switch (pending.kind()) {
            case LEADERBOARD, REWARD, TEAM_LEADERBOARD, QUEST -> -1;
            case ACHIEVEMENT -> 0;
            case POINTS_SYSTEM -> 1;
            case STREAK -> 2;
            case METRIC -> 3;
        }).thenComparing(Pending::key);
        while (!remaining.isEmpty()) {
            Set<String> referred = new HashSet<>();
            for (Pending pending : remaining) {
                for (References.Ref ref : References.of(pending.kind(), pending.view())) {
                    if (!ref.kind().ref(ref.key()).equals(pending.kind().ref(pending.key()))) {
                        referred.add(ref.kind().ref(ref.key()));
                    }
                }
            }
            Pending next = remaining.stream().filter(pending -> !referred.contains(pending.kind().ref(pending.key())))
                    .min(preference).orElse(null);
            if (next != null) {
                remaining.remove(next);
                changes.add(next.change());
                steps.add(new Step(next.change(), null, true, null, next.change().describe()));
                continue;
            }
            Set<String> archiving = new HashSet<>();
            remaining.stream().filter(pending -> pending.kind() == StandardKind.ACHIEVEMENT)
                    .forEach(pending -> archiving.add(pending.key()));
            boolean broken = false;
            for (int i = 0; i < remaining.size() && !broken; i++) {
                Pending system = remaining.get(i);
                if (system.kind() != StandardKind.POINTS_SYSTEM) {
                    continue;
                }
                List<String> cut = References.of(StandardKind.POINTS_SYSTEM, system.view()).stream()
                        .filter(ref -> ref.kind() == StandardKind.ACHIEVEMENT && archiving.contains(ref.key()))
                        .map(References.Ref::key).distinct().toList();
                if (!cut.isEmpty()) {
                    ObjectNode body = withoutAchievementTriggers(definition(system.view()), cut);
                    remaining.set(i, new Pending(system.kind(), system.key(), body, system.change()));
                    steps.add(new Step(system.change(), body, false, null, "~ " + RulesFile.noun(StandardKind.POINTS_SYSTEM)
                            + " " + system.key() + ": " + triggers(cut) + " on " + achievements(cut)
                            + " removed, so that " + (cut.size() == 1 ? "it" : "they") + " can be archived"));
                    broken = true;
                }
            }
            if (!broken) {
                throw new IllegalStateException("rules that refer to each other in a circle: " + remaining);
            }
        }
    }

    /** Every rule of the file refers only to rules of the file or rules active on the server (kept when not pruning). */
    private static void checkReferences(RulesFile file, Map<StandardKind, Map<String, ObjectNode>> server, boolean prune) {
        List<Problem> problems = new ArrayList<>();
        for (StandardKind kind : StandardKind.values()) {
            for (RulesFile.Rule rule : file.rules(kind)) {
                Set<String> seen = new LinkedHashSet<>();
                for (References.Ref ref : References.of(kind, rule.canonical())) {
                    if (file.has(ref.kind(), ref.key()) || !seen.add(ref.kind().ref(ref.key()))) {
                        continue;
                    }
                    ObjectNode view = server.get(ref.kind()).get(ref.key());
                    String target = "refers to " + RulesFile.noun(ref.kind()) + " '" + ref.key() + "', which is ";
                    if (view == null) {
                        problems.add(file.problem(kind, rule.key(), ref.pointer(), target + "neither in the file nor on the server"));
                    } else if (!active(view)) {
                        problems.add(file.problem(kind, rule.key(), ref.pointer(), target
                                + "archived on the server and not in the file"));
                    } else if (prune) {
                        problems.add(file.problem(kind, rule.key(), ref.pointer(), target
                                + "not in the file (--prune would archive it)"));
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            throw RulesFileException.listing(file.name(), problems);
        }
    }

    // ---- comparison ----

    /** True when the server holds the rule and it is not archived. */
    public static boolean active(JsonNode view) {
        return view != null && !view.hasNonNull("archived_at");
    }

    /** A view without its history and statistics: a body that PUT takes. */
    static ObjectNode definition(ObjectNode view) {
        ObjectNode definition = view.deepCopy();
        definition.remove(VIEW_ONLY);
        return definition;
    }

    private static ObjectNode withoutAchievementTriggers(ObjectNode body, List<String> achievements) {
        ObjectNode copy = body.deepCopy();
        if (copy.get("triggers") instanceof ArrayNode triggers) {
            for (int i = triggers.size() - 1; i >= 0; i--) {
                JsonNode trigger = triggers.get(i);
                if ("achievement".equals(trigger.path("type").asText().strip())
                        && achievements.contains(trigger.path("achievement").asText().strip())) {
                    triggers.remove(i);
                }
            }
        }
        return copy;
    }

    private static String triggers(List<String> keys) {
        return keys.size() == 1 ? "trigger" : "triggers";
    }

    private static String achievements(List<String> keys) {
        return (keys.size() == 1 ? "achievement " : "achievements ") + String.join(", ", keys);
    }
}
