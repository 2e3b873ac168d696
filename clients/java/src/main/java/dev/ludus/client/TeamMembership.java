package dev.ludus.client;

import java.time.Instant;

/**
 * A user's membership of a team ({@code /v1/teams/{id}/members}, {@code /v1/users/{id}/teams}).
 *
 * @param joinedAt when the user joined the team (joining again does not change it)
 */
public record TeamMembership(String teamId, String userId, Instant joinedAt) { }
