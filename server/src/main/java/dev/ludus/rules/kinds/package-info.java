/**
 * The standard rule kinds of the engine: metrics, points systems, achievements and streaks, each a
 * {@link dev.ludus.rules.RuleKind} (its codec, references and checks) registered from the composition
 * root; and the achievement catalog's hooks ({@link dev.ludus.rules.kinds.AchievementHooks}: backfill,
 * statistics, hidden achievements), fed by {@link dev.ludus.rules.kinds.AchievementStats}.
 */
package dev.ludus.rules.kinds;
