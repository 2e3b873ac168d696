/**
 * Exports: an application's events and users as NDJSON or CSV ({@code GET /v1/export/events},
 * {@code GET /v1/export/users}), streamed in chunks read by key so that any size takes constant memory,
 * and resumable after the last line received; and everything held about one user as one JSON document
 * ({@code GET /v1/users/{id}/export}, for access requests).
 */
package dev.ludus.exports;
