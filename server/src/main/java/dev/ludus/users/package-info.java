/**
 * The {@code /v1/users} routes: the list of an application's users, searched and sorted
 * ({@code GET /v1/users}), a user's profile, progress and histories, and the writes made for one
 * user by hand (points adjustments, API completions, freeze grants, erasure). {@link
 * dev.ludus.users.UserList} serves the console's list of users too. The stored profiles
 * and the list's SQL are in {@link dev.ludus.profiles}; the writes go through
 * {@link dev.ludus.events.EventService}.
 */
package dev.ludus.users;
