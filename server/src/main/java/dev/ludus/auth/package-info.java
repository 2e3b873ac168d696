/**
 * Authentication and authorisation of {@code /v1}: application tokens (HS256, spec 000), scopes,
 * secrets, the auth change feed, and revocation kept in memory on every node.
 */
package dev.ludus.auth;
