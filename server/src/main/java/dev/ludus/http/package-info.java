/**
 * Shared HTTP plumbing and nothing else: JSON in and out, problem+json errors, request ids and
 * request metrics, the route table, and the listener's defences against slow, idle and too many
 * clients (read timeout, request deadlines, a watchdog that restarts a listener that died). It
 * imports no feature package.
 */
package dev.ludus.http;
