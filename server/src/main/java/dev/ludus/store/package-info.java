/**
 * Database setup: the connection pool, Flyway migrations, JDBI, and the change feed that keeps the
 * in-memory caches of every node in step with the store.
 */
package dev.ludus.store;
