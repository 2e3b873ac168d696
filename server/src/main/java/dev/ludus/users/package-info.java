/**
 * The {@code /v1/users} routes: a user's profile, progress and histories, and the writes made for
 * one user by hand (points adjustments, API completions, freeze grants, erasure). The stored
 * profiles are in {@link dev.ludus.profiles}; the writes go through {@link dev.ludus.events.EventService}.
 */
package dev.ludus.users;
