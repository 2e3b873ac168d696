/**
 * The live feed of events: each event as it is committed, with what it changed (points, levels,
 * unlocks, streaks), for the console's live page. A {@link dev.ludus.live.LiveListener} follows every
 * applied change; a {@link dev.ludus.live.LiveFeed} hands entries to the pages that watch, through a
 * bounded queue each, and drops (and says so) rather than wait for a slow browser. With one node
 * (SQLite) entries are handed on after the commit; with PostgreSQL every node's commits reach every
 * node through {@code LISTEN/NOTIFY} ({@link dev.ludus.live.PostgresqlRelay}; docs/adr/0038).
 */
package dev.ludus.live;
