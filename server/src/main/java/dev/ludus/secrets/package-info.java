/**
 * Random secrets and ids, SHA-256 hashes and constant-time comparison: the helpers that
 * authentication, tenancy, events and webhooks share, below all of them. Imports nothing of Ludus.
 */
package dev.ludus.secrets;
