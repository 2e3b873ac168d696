/**
 * Teams: an application's teams (name, attributes) and their members, a user in at most the
 * application's {@code max_teams_per_user} teams; memberships are written in the member's partition of
 * the event writers. Added by the composition root.
 */
package dev.ludus.teams;
