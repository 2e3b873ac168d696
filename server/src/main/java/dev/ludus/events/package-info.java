/**
 * Ingestion and every other write to a user's game state: events (single and batch), manual points
 * adjustments, API completions, backfills and user deletion. Each write runs through the group
 * commit ({@link dev.ludus.store.GroupCommit}) partitioned by user, under the user's row lock, so a
 * user's writes apply one at a time in commit order on any number of nodes. Idempotency keys replay
 * the first answer. Also the reads of that state: progress, points history, completion counts.
 */
package dev.ludus.events;
