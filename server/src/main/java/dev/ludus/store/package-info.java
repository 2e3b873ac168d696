/**
 * The store: the connection pool, Flyway migrations, Jdbi, the group commit of the write path and
 * its unit of work ({@link dev.ludus.store.WriteBatch}), and the store's own failures (overloaded,
 * unavailable, conflict, outage), which the HTTP layer maps to answers. Imports nothing of Ludus.
 */
package dev.ludus.store;
