package dev.ludus.teams;

import dev.ludus.events.EventService;
import dev.ludus.events.Reply;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.http.PageRequest;
import dev.ludus.profiles.UserPatch;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/**
 * Teams and their members. A team is the application's record (name, attributes); a membership is a
 * write of the member's standing, made in the user's partition of the event writers
 * ({@link EventService#write}), so that one user's joins are counted against the application's
 * {@code max_teams_per_user} one at a time, on one node or several.
 */
public final class TeamService {

    /** The longest team name. */
    public static final int MAX_NAME = 200;
    /** The longest team id: the same rule as user ids. */
    public static final int MAX_ID = 255;

    private final Jdbi jdbi;
    private final EventService events;
    private final TeamStore store;
    private final Clock clock;

    public TeamService(Jdbi jdbi, EventService events, Json json, Clock clock) {
        this.jdbi = jdbi;
        this.events = events;
        this.store = new TeamStore(json);
        this.clock = clock;
    }

    /** A team as the API shows it. */
    public record TeamView(String id, String name, Map<String, String> attributes, long members, Instant createdAt,
            Instant updatedAt) {
        static TeamView of(TeamStore.StoredTeam team) {
            return new TeamView(team.id(), team.name(), team.attributes(), team.members(), team.createdAt(),
                    team.updatedAt());
        }
    }

    /** A membership as the API shows it. */
    public record MemberView(String teamId, String userId, Instant joinedAt) {
        static MemberView of(TeamStore.Membership membership) {
            return new MemberView(membership.teamId(), membership.userId(), membership.joinedAt());
        }
    }

    /** A PUT's outcome: the team, and whether it is new. */
    public record Put(TeamView team, boolean created) { }

    /** Creates or replaces a team from {@code {"name"?, "attributes"?}}; 400 naming a bad member. */
    public Put put(String applicationId, String teamId, JsonBody body) {
        String id = teamId(teamId);
        body.allowOnly(Set.of("name", "attributes"));
        String name = body.string("name", MAX_NAME).orElse(id);
        Map<String, String> attributes = body.stringMap("attributes", UserPatch.MAX_ATTRIBUTES, UserPatch.ATTRIBUTE_NAME,
                UserPatch.MAX_ATTRIBUTE_VALUE).orElse(Map.of());
        Instant now = now();
        return jdbi.inTransaction(handle -> {
            boolean created = store.put(handle, applicationId, id, name, attributes, now);
            return new Put(TeamView.of(store.find(handle, applicationId, id).orElseThrow()), created);
        });
    }

    public TeamView get(String applicationId, String teamId) {
        String id = teamId(teamId);
        return jdbi.withHandle(handle -> store.find(handle, applicationId, id)).map(TeamView::of)
                .orElseThrow(() -> notFound(id));
    }

    public PageRequest.Page<TeamView> list(String applicationId, PageRequest page) {
        return page.page(jdbi.withHandle(handle -> store.page(handle, applicationId, page.after(), page.limit() + 1))
                .stream().map(TeamView::of).toList(), TeamView::id);
    }

    /** Deletes a team and its memberships (the members stay users); 404 when there is none. */
    public void delete(String applicationId, String teamId) {
        String id = teamId(teamId);
        if (!jdbi.inTransaction(handle -> store.delete(handle, applicationId, id))) {
            throw notFound(id);
        }
    }

    /**
     * Makes {@code userId} a member of {@code teamId}: 201 with the membership, or 200 with the one that
     * exists (joining twice changes nothing); 404 for an unknown team or user, 409
     * {@code team_limit_reached} when the user is in the application's {@code max_teams_per_user} teams.
     */
    public Reply join(String applicationId, String teamId, String userId) {
        String id = teamId(teamId);
        return events.write(applicationId, userId, Optional.empty(), "join_team", Map.of("team_id", id,
                "user_id", userId), Optional.empty(), work -> {
                    var handle = work.batch().handle();
                    if (!work.userExists()) {
                        throw ApiException.notFound("no user '" + userId + "'");
                    }
                    if (store.find(handle, applicationId, id).isEmpty()) {
                        throw notFound(id);
                    }
                    Optional<TeamStore.Membership> existing = store.membership(handle, applicationId, id, userId);
                    if (existing.isPresent()) {
                        return work.reply(200, MemberView.of(existing.get()));
                    }
                    int limit = store.maxTeamsPerUser(handle, applicationId);
                    if (store.teamsOf(handle, applicationId, userId) >= limit) {
                        throw new ApiException(409, "team_limit_reached", "Team limit reached", "user '" + userId
                                + "' is a member of " + limit + " teams, the application's max_teams_per_user",
                                Map.of("field", "user_id"), Map.of());
                    }
                    TeamStore.Membership membership = new TeamStore.Membership(id, userId, work.now());
                    store.join(handle, applicationId, membership);
                    return work.reply(201, MemberView.of(membership));
                });
    }

    /** Ends a membership; 404 when the user is not a member of the team. */
    public void leave(String applicationId, String teamId, String userId) {
        String id = teamId(teamId);
        events.write(applicationId, userId, Optional.empty(), "leave_team", Map.of("team_id", id,
                "user_id", userId), Optional.empty(), work -> {
                    if (!store.leave(work.batch().handle(), applicationId, id, userId)) {
                        throw ApiException.notFound("user '" + userId + "' is not a member of team '" + id + "'");
                    }
                    return work.reply(204, Map.of());
                });
    }

    /** A page of a team's members, by user id; 404 for an unknown team. */
    public PageRequest.Page<MemberView> members(String applicationId, String teamId, PageRequest page) {
        String id = teamId(teamId);
        return page.page(jdbi.withHandle(handle -> {
            if (store.find(handle, applicationId, id).isEmpty()) {
                throw notFound(id);
            }
            return store.memberships(handle, applicationId, true, id, page.after(), page.limit() + 1);
        }).stream().map(MemberView::of).toList(), MemberView::userId);
    }

    /** A page of a user's memberships, by team id. */
    public PageRequest.Page<MemberView> teamsOf(String applicationId, String userId, PageRequest page) {
        return page.page(jdbi.withHandle(handle -> store.memberships(handle, applicationId, false, userId,
                page.after(), page.limit() + 1)).stream().map(MemberView::of).toList(), MemberView::teamId);
    }

    /**
     * A team id from a path: 1 to 255 characters, no control characters, no '/', and not '.' or '..'
     * (which URL libraries resolve away), so that every id is usable in a path.
     */
    static String teamId(String raw) {
        if (raw.isEmpty() || raw.length() > MAX_ID || raw.chars().anyMatch(Character::isISOControl)
                || raw.indexOf('/') >= 0 || raw.equals(".") || raw.equals("..")) {
            throw ApiException.invalidField("id", "a team id has 1 to " + MAX_ID
                    + " characters, no control characters, no '/', and is not '.' or '..' (it must be usable in a"
                    + " path)");
        }
        return raw;
    }

    private static ApiException notFound(String teamId) {
        return ApiException.notFound("no team '" + teamId + "'");
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
