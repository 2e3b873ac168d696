package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Paths;
import dev.ludus.client.internal.Transport;
import java.util.stream.Stream;

/**
 * {@code /v1/teams}: teams of users and their members. A team id is the application's own (1 to 255
 * characters, no control characters, no {@code /}), sent percent-encoded. Changes ({@code put},
 * {@code delete}, {@code join}, {@code leave}) need scope {@code users:write}; reads scope {@code read}.
 * A user's own teams are {@link UsersApi#teams(String)}; a team's standing in the team quests
 * ({@link QuestDefinition#team()}) is {@link #quests(String)}.
 *
 * <p>A user may be a member of at most the application's {@code max_teams_per_user} teams
 * ({@link Application#maxTeamsPerUser()}, set with {@link ApplicationChanges.Builder#maxTeamsPerUser(int)}):
 * one more answers 409 {@code team_limit_reached}.
 */
public final class TeamsApi {

    private final Transport transport;
    private final Authentication authentication;

    TeamsApi(Transport transport, Authentication authentication) {
        this.transport = transport;
        this.authentication = authentication;
    }

    /** {@code PUT /v1/teams/{id}} with no name and no attributes: creates the team named by its id, or clears them. */
    public Team put(String teamId) {
        return put(teamId, new TeamDefinition(null, null));
    }

    /**
     * {@code PUT /v1/teams/{id}}: creates the team or <b>replaces</b> its name and attributes (a null
     * member takes its default). Its members stay.
     */
    public Team put(String teamId, TeamDefinition definition) {
        return transport.call(authentication, "PUT", team(teamId), definition, Team.class);
    }

    /** {@code GET /v1/teams/{id}}, with its member count; 404 {@code not_found} for an unknown team. */
    public Team get(String teamId) {
        return transport.call(authentication, "GET", team(teamId), null, Team.class);
    }

    /** The first page (50) of the application's teams, in id order. */
    public Page<Team> list() {
        return list(50, null);
    }

    /**
     * {@code GET /v1/teams}: a page of the application's teams, in id order.
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     */
    public Page<Team> list(int limit, String cursor) {
        return Page.fetch(transport, authentication, "/v1/teams", limit, cursor, Team.class);
    }

    /** Every team in id order, fetching pages of 100 as the stream is consumed. */
    public Stream<Team> listAll() {
        return Page.all(cursor -> list(RuleCalls.MAX_LIMIT, cursor));
    }

    /**
     * {@code DELETE /v1/teams/{id}}: deletes the team and its memberships (its members stay users of the
     * application); 404 {@code not_found} when there is none.
     */
    public void delete(String teamId) {
        transport.send(authentication, "DELETE", team(teamId), null);
    }

    /**
     * {@code PUT /v1/teams/{id}/members/{user_id}}: makes the user a member of the team, and answers the
     * membership; when the user is already a member nothing changes and the membership is answered as it
     * was ({@code joinedAt} unchanged). Refused: 404 {@code not_found} for an unknown team or user (a user
     * exists once they sent an event or their profile was put); 409 {@code team_limit_reached} when the
     * user is already in the application's {@code max_teams_per_user} teams.
     */
    public TeamMembership join(String teamId, String userId) {
        return transport.call(authentication, "PUT", member(teamId, userId), null, TeamMembership.class);
    }

    /**
     * {@code DELETE /v1/teams/{id}/members/{user_id}}: ends the user's membership; 404 {@code not_found}
     * when the user is not a member of the team.
     */
    public void leave(String teamId, String userId) {
        transport.send(authentication, "DELETE", member(teamId, userId), null);
    }

    /** The first page (50) of the team's memberships, in user id order. */
    public Page<TeamMembership> members(String teamId) {
        return members(teamId, 50, null);
    }

    /**
     * {@code GET /v1/teams/{id}/members}: a page of the team's memberships, in user id order; 404
     * {@code not_found} for an unknown team.
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     */
    public Page<TeamMembership> members(String teamId, int limit, String cursor) {
        return Page.fetch(transport, authentication, team(teamId) + "/members", limit, cursor, TeamMembership.class);
    }

    /** Every membership of the team in user id order, fetching pages of 100 as the stream is consumed. */
    public Stream<TeamMembership> membersAll(String teamId) {
        return Page.all(cursor -> members(teamId, RuleCalls.MAX_LIMIT, cursor));
    }

    /**
     * {@code GET /v1/teams/{id}/quests}: the team's standing in every active team quest, in key order, as
     * of now; 404 {@code not_found} for an unknown team. (A team quest completes for the team when its
     * members' totals reach every step; each member at that moment is then paid the prize, in their own
     * write just after the completing event's: points history source {@code quest}, a
     * {@code quest.completed} webhook with {@link QuestChange#teamId()} set.)
     */
    public TeamQuests quests(String teamId) {
        return transport.call(authentication, "GET", team(teamId) + "/quests", null, TeamQuests.class);
    }

    private static String team(String teamId) {
        return "/v1/teams/" + Paths.segment(teamId, "teamId");
    }

    private static String member(String teamId, String userId) {
        return team(teamId) + "/members/" + Paths.segment(userId, "userId");
    }
}
