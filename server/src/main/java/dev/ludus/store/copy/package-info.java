/**
 * Moving a store and keeping copies of it: {@link dev.ludus.store.copy.StoreCopy} copies an SQLite
 * store into PostgreSQL from one consistent snapshot and verifies the copy (row counts and a checksum
 * per table), {@link dev.ludus.store.copy.SqliteBackup} writes a consistent copy of a running SQLite
 * store to a file. Both read the source without changing it. Used by the {@code migrate-store} and
 * {@code backup} commands; the decisions are in docs/adr/0032.
 */
package dev.ludus.store.copy;
