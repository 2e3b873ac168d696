package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link TeamsApi}, {@link UsersApi#teams} and {@code max_teams_per_user} against a real server. */
class TeamsTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private Game game;

    @BeforeEach
    void newApplicationWithUsers() {
        game = Game.empty(shared.ludus());
        for (String user : new String[] {"ann", "bob"}) {
            game.server.users().put(user, new UserProfile(user, null, null, null));
        }
    }

    @Test
    void aTeamIsPutJoinedTwiceListedLeftAndDeleted() {
        Team red = game.server.teams().put("red", new TeamDefinition("Red", Map.of("city", "Oslo")));
        assertThat(red.id()).isEqualTo("red");
        assertThat(red.name()).isEqualTo("Red");
        assertThat(red.attributes()).isEqualTo(Map.of("city", "Oslo"));
        assertThat(red.members()).isZero();
        assertThat(red.createdAt()).isNotNull();
        Team blue = game.server.teams().put("blue");
        assertThat(blue.name()).isEqualTo("blue");
        assertThat(blue.attributes()).isEmpty();
        Team renamed = game.server.teams().put("red", new TeamDefinition("Reds", red.attributes()));
        assertThat(renamed.name()).isEqualTo("Reds");
        assertThat(renamed.createdAt()).isEqualTo(red.createdAt());
        assertThat(game.server.teams().put("red", renamed.definition())).satisfies(team ->
                assertThat(team.name()).isEqualTo("Reds"));

        TeamMembership joined = game.server.teams().join("red", "ann");
        TeamMembership again = game.server.teams().join("red", "ann");
        assertThat(joined.teamId()).isEqualTo("red");
        assertThat(joined.userId()).isEqualTo("ann");
        assertThat(joined.joinedAt()).isNotNull();
        assertThat(again).as("joining twice answers the membership as it was").isEqualTo(joined);
        game.server.teams().join("red", "bob");
        game.server.teams().join("blue", "ann");

        assertThat(game.server.teams().get("red").members()).isEqualTo(2);
        assertThat(game.server.teams().members("red").items()).extracting(TeamMembership::userId)
                .containsExactly("ann", "bob");
        Page<TeamMembership> first = game.server.teams().members("red", 1, null);
        assertThat(first.items()).extracting(TeamMembership::userId).containsExactly("ann");
        assertThat(first.hasNext()).isTrue();
        assertThat(game.server.teams().membersAll("red").map(TeamMembership::userId).toList())
                .containsExactly("ann", "bob");
        assertThat(game.server.users().teams("ann").items()).extracting(TeamMembership::teamId)
                .containsExactly("blue", "red");
        assertThat(game.server.asUser("ann").users().teamsAll("me").map(TeamMembership::teamId).toList())
                .containsExactly("blue", "red");
        assertThat(game.server.teams().list().items()).extracting(Team::id).containsExactly("blue", "red");
        assertThat(game.server.teams().listAll().map(Team::id).toList()).containsExactly("blue", "red");

        game.server.teams().leave("red", "ann");
        assertThat(game.server.users().teams("ann").items()).extracting(TeamMembership::teamId)
                .containsExactly("blue");
        assertThatThrownBy(() -> game.server.teams().leave("red", "ann"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.error()).isEqualTo("not_found");
                });

        game.server.teams().delete("red");
        assertThat(errorOf(() -> game.server.teams().get("red"))).isEqualTo("not_found");
        assertThat(game.server.users().teams("bob").items()).isEmpty();
        assertThat(game.server.users().get("bob").id()).as("members stay users").isEqualTo("bob");
        assertThat(errorOf(() -> game.server.teams().delete("red"))).isEqualTo("not_found");
    }

    @Test
    void refusalsAreTypedErrors() {
        game.server.teams().put("green");

        assertThat(errorOf(() -> game.server.teams().join("nope", "ann"))).isEqualTo("not_found");
        assertThat(errorOf(() -> game.server.teams().join("green", "nobody"))).isEqualTo("not_found");
        assertThat(errorOf(() -> game.server.teams().members("nope"))).isEqualTo("not_found");
        assertThatThrownBy(() -> game.server.teams().put("x".repeat(256)))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("id");
                });
        assertThat(errorOf(() -> game.server.asUser("ann").teams().join("green", "me")))
                .isEqualTo("insufficient_permissions");
        assertThatThrownBy(() -> game.server.teams().put(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void joiningBeyondMaxTeamsPerUserIsRefused() {
        assertThat(game.admin.application().get().maxTeamsPerUser()).isEqualTo(10);
        Application changed = game.admin.application().update(ApplicationChanges.builder().maxTeamsPerUser(1).build());
        assertThat(changed.maxTeamsPerUser()).isEqualTo(1);
        game.server.teams().put("one");
        game.server.teams().put("two");
        game.server.teams().join("one", "ann");

        assertThatThrownBy(() -> game.server.teams().join("two", "ann"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("team_limit_reached");
                    assertThat(e.field()).hasValue("user_id");
                });
        assertThat(game.server.teams().join("one", "ann").teamId()).as("a team held is no new one").isEqualTo("one");
        assertThat(game.server.users().teams("ann").items()).extracting(TeamMembership::teamId).containsExactly("one");
        assertThatThrownBy(() -> game.admin.application().update(ApplicationChanges.builder().maxTeamsPerUser(1001)
                .build())).isInstanceOfSatisfying(LudusException.class, e ->
                        assertThat(e.field()).hasValue("max_teams_per_user"));
    }

    private static String errorOf(Runnable call) {
        try {
            call.run();
        } catch (LudusException e) {
            return e.error();
        }
        throw new AssertionError("the call did not fail");
    }
}
