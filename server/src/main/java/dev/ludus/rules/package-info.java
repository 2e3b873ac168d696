/**
 * Rules as data, of kinds that register here: what a kind is ({@link dev.ludus.rules.RuleKind}: its
 * codec, references and checks) and what its routes do beyond storage ({@link dev.ludus.rules.RuleHooks});
 * the generic routes {@code PUT/GET/DELETE /v1/<collection>[/{key}]} of every registered kind; rules
 * validated, stored as JSON, versioned, and served to the write path as engine
 * {@link dev.ludus.engine.Rules} (and to other packages as {@link dev.ludus.rules.ActiveRules}) from a
 * cache that a version check keeps exact across nodes. This package names no kind: the standard ones
 * live in {@code dev.ludus.rules.kinds} and {@code dev.ludus.leaderboard}, registered by the
 * composition root.
 */
package dev.ludus.rules;
