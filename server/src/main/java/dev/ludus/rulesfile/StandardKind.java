package dev.ludus.rulesfile;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ludus.http.JsonBody;
import dev.ludus.leaderboard.LeaderboardKind;
import dev.ludus.quests.QuestKind;
import dev.ludus.rewards.RewardKind;
import dev.ludus.teams.TeamBoardKind;
import dev.ludus.rules.RuleKind;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import dev.ludus.rules.kinds.StreakKind;

/**
 * The rule kinds that a rules file holds, in the order it lists them: the server's standard kinds,
 * read with the server's own codecs.
 */
public enum StandardKind {
    METRIC(MetricKind.KIND),
    POINTS_SYSTEM(PointsSystemKind.KIND),
    ACHIEVEMENT(AchievementKind.KIND),
    STREAK(StreakKind.KIND),
    LEADERBOARD(LeaderboardKind.KIND),
    REWARD(RewardKind.KIND),
    TEAM_LEADERBOARD(TeamBoardKind.KIND),
    QUEST(QuestKind.KIND);

    private final RuleKind<?> kind;

    StandardKind(RuleKind<?> kind) {
        this.kind = kind;
    }

    /** The kind as the rules service knows it. */
    public RuleKind<?> ruleKind() {
        return kind;
    }

    /** The path segment under {@code /v1}, and the top-level member of a rules file. */
    public String collection() {
        return kind.collection();
    }

    /** How a reference to a rule of this kind reads: {@code metric:steps}. */
    public String ref(String key) {
        return kind.ref(key);
    }

    /** The kind as messages name it: {@code points system}. */
    public String noun() {
        return kind.noun();
    }

    /** The canonical definition of the rule that {@code body} defines, as the server stores it; 400s as the server's. */
    ObjectNode canonical(String key, JsonBody body) {
        return canonical(kind, key, body);
    }

    private static <R> ObjectNode canonical(RuleKind<R> kind, String key, JsonBody body) {
        return kind.write(kind.read(key, body));
    }
}
