package dev.ludus.console;

import dev.ludus.console.RuleField.Type;
import dev.ludus.rules.RuleKind;
import java.util.List;
import java.util.Map;

/**
 * The forms of the standard rule kinds, by kind name, as docs/rules.md, docs/streaks.md and
 * docs/leaderboards.md define their members; any other registered kind gets the generic form (its name,
 * description and the rest of its definition as YAML). Flat members are inputs of their own; lists of
 * objects (triggers, levels, conditions) and filters are YAML (or JSON) text areas. Stateless.
 */
final class RuleForms {

    private static final String[] DAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sunday"};

    private static final RuleField NAME = RuleField.of("name", "Name", Type.TEXTS)
            .hint("Shown to people; 1 to 200 characters, or names by language as JSON: "
                    + "{\"en\": \"First steps\", \"fr\": \"Premiers pas\"}. Empty: the key.");
    private static final RuleField DESCRIPTION = RuleField.of("description", "Description", Type.LONG_TEXTS)
            .hint("Optional; up to 2,000 characters, or texts by language as JSON, as the name.");

    private static final Map<String, RuleForm> STANDARD = Map.of(
            "metric", new RuleForm("Metrics", List.of(NAME, DESCRIPTION,
                    RuleField.of("allow_negative", "Events may carry negative values", Type.FLAG)
                            .hint("So that the total can go down (a wallet, a weight)."))),
            "points_system", new RuleForm("Points systems", List.of(NAME, DESCRIPTION,
                    RuleField.of("max_points", "Cap on the balance", Type.NUMBER)
                            .hint("A whole number from 1 to 10^18. Empty: no cap."),
                    RuleField.of("allow_negative", "The balance may go below zero", Type.FLAG),
                    RuleField.of("expiry.after_days", "Points expire after (days)", Type.NUMBER)
                            .hint("Optional, 1 to 3650: points earned on a day are taken away that many full days "
                                    + "later, the oldest spent first. Empty: they never expire."),
                    RuleField.of("expiry.notice_days", "Notice before points expire (days)", Type.NUMBER)
                            .hint("Optional, 1 to the days above: a points.expiring webhook tells of each day's points "
                                    + "that many days before they expire."),
                    RuleField.choice("season.period", "Seasons", "", "daily", "weekly", "monthly", "quarterly", "yearly")
                            .hint("Optional: balances start again from zero at the start of each, the past seasons "
                                    + "kept. None: balances never reset."),
                    RuleField.of("season.timezone", "Season timezone", Type.TEXT)
                            .hint("Where seasons begin, such as Europe/Paris. Empty: UTC.")
                            .when("season.period", "daily", "weekly", "monthly", "quarterly", "yearly"),
                    RuleField.of("triggers", "Triggers", Type.YAML)
                            .hint("Up to 50, as YAML or JSON: type metric (metric, points, per, filter), achievement "
                                    + "(achievement, points) or streak (streak, length, points).")
                            .example("- type: metric\n  metric: steps\n  points: 10\n  per: 100\n"
                                    + "- type: achievement\n  achievement: first_steps\n  points: 100"),
                    RuleField.of("levels", "Levels", Type.YAML)
                            .hint("Up to 100, as YAML or JSON, thresholds strictly ascending.")
                            .example("- name: Rookie\n  threshold: 0\n- name: Walker\n  threshold: 100"))),
            "achievement", new RuleForm("Achievements", List.of(NAME, DESCRIPTION,
                    RuleField.of("hidden", "Hidden until earned", Type.FLAG),
                    RuleField.of("image_url", "Picture", Type.TEXT)
                            .hint("Optional: the https address of its badge, which answers carry."),
                    RuleField.choice("trigger.type", "Unlocks on", "metric", "streak", "api", "composite")
                            .hint("metric: a total reaches a threshold; streak: a run reaches a length; api: your "
                                    + "backend completes it; composite: every prerequisite is held."),
                    RuleField.of("trigger.metric", "Metric", Type.TEXT).suggesting("metric").when("trigger.type", "metric"),
                    RuleField.of("trigger.threshold", "Threshold", Type.NUMBER).when("trigger.type", "metric")
                            .hint("An exact decimal above 0: the total the user must reach."),
                    RuleField.of("trigger.streak", "Streak", Type.TEXT).suggesting("streak").when("trigger.type", "streak"),
                    RuleField.of("trigger.length", "Run length", Type.NUMBER).when("trigger.type", "streak")
                            .hint("Periods in a row, 1 to 10,000."),
                    RuleField.of("trigger.prerequisites", "Prerequisites", Type.KEYS).suggesting("achievement")
                            .when("trigger.type", "composite").hint("Achievement keys, separated by commas; 1 to 20."),
                    RuleField.of("reward.system", "Reward: points system", Type.TEXT).suggesting("points_system")
                            .hint("Optional: the points system that pays the reward."),
                    RuleField.of("reward.points", "Reward: points", Type.NUMBER).hint("1 to 10^9."))),
            "streak", new RuleForm("Streaks", List.of(NAME, DESCRIPTION,
                    RuleField.choice("period", "Period", "daily", "weekly").hint("Cannot change once saved."),
                    RuleField.choice("week_start", "Weeks start on", DAYS).when("period", "weekly")
                            .hint("Cannot change once saved."),
                    RuleField.of("conditions", "Conditions", Type.YAML)
                            .hint("1 to 10, one per metric, as YAML or JSON: what a period needs.")
                            .example("- metric: steps\n  threshold: 5000"),
                    RuleField.choice("combine", "A period is met when", "all", "any")
                            .hint("all: every condition is met; any: one of them is."),
                    RuleField.of("freezes.initial", "Freezes at the start", Type.NUMBER).hint("0 to 365."),
                    RuleField.of("freezes.earn_every", "Earn a freeze every", Type.NUMBER)
                            .hint("Periods of run; 0: never."),
                    RuleField.of("freezes.max", "Most freezes held", Type.NUMBER).hint("0 to 365."))),
            "leaderboard", new RuleForm("Leaderboards", List.of(NAME, DESCRIPTION,
                    RuleField.choice("rank_by.type", "Ranks by", "metric", "points", "streak")
                            .hint("Cannot change once saved."),
                    RuleField.of("rank_by.metric", "Metric", Type.TEXT).suggesting("metric").when("rank_by.type", "metric"),
                    RuleField.of("rank_by.system", "Points system", Type.TEXT).suggesting("points_system")
                            .when("rank_by.type", "points"),
                    RuleField.of("rank_by.streak", "Streak", Type.TEXT).suggesting("streak").when("rank_by.type", "streak"),
                    RuleField.choice("period", "Period", "all_time", "daily", "weekly", "monthly", "quarterly",
                            "yearly")
                            .hint("Cannot change once saved."),
                    RuleField.of("timezone", "Timezone", Type.TEXT).hint("Where periods begin, such as Europe/Paris. "
                            + "Empty: UTC. Cannot change once saved."),
                    RuleField.choice("week_start", "Weeks start on", DAYS).when("period", "weekly"),
                    RuleField.of("starts_at", "Starts at", Type.TEXT).hint("Optional, such as 2026-12-01T00:00:00Z."),
                    RuleField.of("ends_at", "Ends at", Type.TEXT).hint("Optional, after the start."),
                    RuleField.of("filter", "Filter", Type.YAML)
                            .hint("Optional: event attributes that must match, as YAML or JSON.")
                            .example("mode: run"))));

    private RuleForms() { }

    /** The form of {@code kind}: its own for a standard kind, else the generic one. */
    static RuleForm of(RuleKind<?> kind) {
        RuleForm form = STANDARD.get(kind.name());
        if (form != null) {
            return form;
        }
        String noun = kind.noun();
        return new RuleForm(Character.toUpperCase(noun.charAt(0)) + noun.substring(1) + "s", List.of(
                RuleField.of("", "Definition", Type.YAML)
                        .hint("Every member of the definition except the key, as YAML or JSON.")));
    }
}
