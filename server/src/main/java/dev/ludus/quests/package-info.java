/**
 * Quests: the rule kind ({@code /v1/quests}), joining one, and each user's standing and history. The
 * engine ({@link dev.ludus.engine.Quests}) counts progress as events arrive; this package reads it.
 */
package dev.ludus.quests;
