/**
 * Figures kept at write time: per application, counters by UTC hour (events, active users, points
 * awarded, achievements unlocked, streaks extended and lost, webhook attempts by outcome, requests by
 * authentication method), added up in the transaction of the change they count, and
 * {@code GET /v1/stats} and {@code GET /admin/v1/stats}, which read them back as series without
 * scanning any history. See docs/stats.md and ADR 0036.
 */
package dev.ludus.stats;
