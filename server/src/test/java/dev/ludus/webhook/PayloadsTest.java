package dev.ludus.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.engine.Achievement;
import dev.ludus.engine.Change;
import dev.ludus.engine.Language;
import dev.ludus.engine.LocalizedText;
import dev.ludus.engine.Level;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Rules;
import dev.ludus.engine.StreakPeriod;
import dev.ludus.engine.Streaks;
import dev.ludus.engine.UserState;
import dev.ludus.http.Json;
import dev.ludus.testing.Contract;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The {@code data} each message type carries, built from engine outcomes ({@link Payloads}) or by
 * the leaderboard code ({@link LeaderboardPayloads}), serialised as the outbox does, and held to the
 * {@code webhooks} of openapi.yaml. Delivery of the same messages end to end is
 * {@code WebhookPayloadContractTest}'s.
 */
class PayloadsTest {

    private static final Json JSON = new Json();
    private static final Instant NOW = Instant.parse("2037-12-20T10:00:00Z");
    private static final StreakPeriod DAY = new StreakPeriod(LocalDate.parse("2037-12-20"), ZoneId.of("UTC"),
            NOW.minusSeconds(36_000), NOW.plusSeconds(50_400));
    private static final Rules RULES = Rules.of(1, List.of(), List.of(), List.of(new Achievement("first_k",
            names("en", "First thousand", "fr", "Premier millier"), Optional.empty(), false,
            new Achievement.Criterion.ApiCall(), Optional.of(new Achievement.Reward("xp", 50)),
            Optional.of("https://cdn.example.com/first-k.png"))));
    /** Valid Standard Webhooks headers: the body is what these tests are about. */
    private static final Map<String, String> HEADERS = Map.of("content-type", "application/json",
            "webhook-id", "msg_test", "webhook-timestamp", Long.toString(NOW.getEpochSecond()),
            "webhook-signature", "v1,c2lnbmF0dXJl");

    private static LocalizedText names(String... tagsAndTexts) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < tagsAndTexts.length; i += 2) {
            values.put(tagsAndTexts[i], tagsAndTexts[i + 1]);
        }
        return new LocalizedText(values);
    }

    private static List<Payloads.Pending> messages(Outcome... outcomes) {
        return messages(Language.of("en"), outcomes);
    }

    private static List<Payloads.Pending> messages(Language language, Outcome... outcomes) {
        return Payloads.of("ada", RULES, new Change(UserState.EMPTY, List.of(outcomes)), language);
    }

    private static Outcome.StreakChanged streak(Streaks.StreakOutcome change) {
        return new Outcome.StreakChanged(change);
    }

    /** The message as the outbox writes it: {@code {"type","timestamp","data"}}. */
    private static String envelope(EventType type, Object data) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("type", type.wireName());
        message.put("timestamp", NOW);
        message.put("data", data);
        return JSON.text(message);
    }

    private static List<String> contractMismatches(EventType type, Object data) {
        return Contract.served().checkWebhook(name -> Optional.ofNullable(HEADERS.get(name.toLowerCase(Locale.ROOT))),
                envelope(type, data));
    }

    private static void assertData(Payloads.Pending message, EventType type, String expected) {
        assertThat(message.type()).isEqualTo(type);
        assertThat(JSON.readTrusted(JSON.text(message.data()))).isEqualTo(JSON.readTrusted(expected));
        assertThat(contractMismatches(type, message.data())).isEmpty();
    }

    @Test
    void outcomesBecomeMessagesInTheEnginesOrderAndOnlyThoseWithAType() {
        List<Payloads.Pending> messages = messages(
                new Outcome.MetricTotalChanged("steps", null, null),
                new Outcome.PointsChanged("xp", 0, 10, true, Outcome.Source.EVENT, Optional.of("evt_1")),
                new Outcome.AchievementUnlocked("first_k", NOW, false, Optional.empty()),
                streak(new Streaks.FreezeEarned("walk", 1)),
                streak(new Streaks.FreezesGranted("walk", 2, 3)),
                new Outcome.PointsChanged("xp", 5, 15, false, Outcome.Source.ACHIEVEMENT, Optional.of("first_k")),
                new Outcome.LevelChanged("xp", Optional.empty(), Optional.of(new Level.Reached(1, "Rookie"))),
                streak(new Streaks.Extended("walk", 3, 3, DAY)));

        assertThat(messages).extracting(Payloads.Pending::type).containsExactly(EventType.ACHIEVEMENT_UNLOCKED,
                EventType.POINTS_CHANGED, EventType.LEVEL_CHANGED, EventType.STREAK_EXTENDED);
    }

    @Test
    void achievementUnlockedCarriesItsNameAndReward() {
        assertData(messages(new Outcome.AchievementUnlocked("first_k", NOW, true,
                        Optional.of(new Achievement.Reward("xp", 50)))).getFirst(), EventType.ACHIEVEMENT_UNLOCKED, """
                {"user_id":"ada","achievement":{"key":"first_k","name":"First thousand",
                 "image_url":"https://cdn.example.com/first-k.png",
                 "unlocked_at":"2037-12-20T10:00:00Z","backfilled":true,"reward":{"system":"xp","points":50}}}""");
    }

    @Test
    void namesAreInTheUsersLanguageElseTheApplicationsDefault() {
        Outcome unlock = new Outcome.AchievementUnlocked("first_k", NOW, false, Optional.empty());
        assertThat(messages(Language.of(Optional.of("fr-CA"), Optional.empty(), "en"), unlock).getFirst().data())
                .extracting("achievement").extracting("name").isEqualTo("Premier millier");
        assertThat(messages(Language.of(Optional.of("de"), Optional.empty(), "fr"), unlock).getFirst().data())
                .extracting("achievement").extracting("name").isEqualTo("Premier millier");
        assertThat(messages(Language.of(Optional.of("de"), Optional.empty(), "ja"), unlock).getFirst().data())
                .extracting("achievement").extracting("name").isEqualTo("First thousand");
    }

    @Test
    void anAchievementNoLongerInTheRulesIsNamedByItsKey() {
        assertData(messages(new Outcome.AchievementUnlocked("gone", NOW, false, Optional.empty())).getFirst(),
                EventType.ACHIEVEMENT_UNLOCKED, """
                {"user_id":"ada","achievement":{"key":"gone","name":"gone","image_url":null,"unlocked_at":"2037-12-20T10:00:00Z",
                 "backfilled":false,"reward":null}}""");
    }

    @Test
    void pointsChangedCarriesTheSourceAndANullReferenceForAnAdjustment() {
        assertData(messages(new Outcome.PointsChanged("xp", 40, 140, true, Outcome.Source.EVENT,
                Optional.of("evt_9"))).getFirst(), EventType.POINTS_CHANGED, """
                {"user_id":"ada","points":{"system":"xp","amount":40,"balance":140,"capped":true,"source":"event",
                 "reference":"evt_9"}}""");
        assertData(messages(new Outcome.PointsChanged("coins", -30, 70, false, Outcome.Source.ADJUSTMENT,
                Optional.empty())).getFirst(), EventType.POINTS_CHANGED, """
                {"user_id":"ada","points":{"system":"coins","amount":-30,"balance":70,"capped":false,
                 "source":"adjustment","reference":null}}""");
    }

    @Test
    void levelChangedShowsNoLevelAsNull() {
        assertData(messages(new Outcome.LevelChanged("xp", Optional.of(new Level.Reached(2, "Walker")),
                Optional.empty())).getFirst(), EventType.LEVEL_CHANGED, """
                {"user_id":"ada","level":{"system":"xp","previous":{"number":2,"name":"Walker","image_url":null},"current":null}}""");
    }

    @Test
    void eachStreakChangeCarriesOnlyItsOwnMembers() {
        String period = "\"period_start\":\"2037-12-20T00:00:00Z\",\"period_end\":\"2037-12-21T00:00:00Z\"";
        assertData(messages(streak(new Streaks.Extended("walk", 4, 9, DAY))).getFirst(), EventType.STREAK_EXTENDED,
                "{\"user_id\":\"ada\",\"streak\":{\"key\":\"walk\",\"length\":4,\"longest\":9,\"freezes_left\":null,"
                        + period + "}}");
        assertData(messages(streak(new Streaks.Lost("walk", 4, DAY))).getFirst(), EventType.STREAK_LOST,
                "{\"user_id\":\"ada\",\"streak\":{\"key\":\"walk\",\"length\":4,\"longest\":null,\"freezes_left\":null,"
                        + period + "}}");
        assertData(messages(streak(new Streaks.FreezeConsumed("walk", 4, DAY, 1))).getFirst(),
                EventType.STREAK_FREEZE_CONSUMED, "{\"user_id\":\"ada\",\"streak\":{\"key\":\"walk\",\"length\":4,"
                        + "\"longest\":null,\"freezes_left\":1," + period + "}}");
    }

    @Test
    void rankChangedCarriesThePeriodTheRanksAndTheScoreAsADecimalString() {
        LeaderboardPayloads.RankChanged first = new LeaderboardPayloads.RankChanged("ada",
                new LeaderboardPayloads.RankView("walkers", "2037-12-20", null, 3, "1250.5"));
        assertData(new Payloads.Pending(EventType.LEADERBOARD_RANK_CHANGED, first), EventType.LEADERBOARD_RANK_CHANGED,
                """
                {"user_id":"ada","leaderboard":{"key":"walkers","period":"2037-12-20","previous_rank":null,"rank":3,
                 "score":"1250.5"}}""");
    }

    @Test
    void periodFinishedCarriesTheTopAndNullBoundsForAnAllTimeBoard() {
        LeaderboardPayloads.PeriodFinished daily = new LeaderboardPayloads.PeriodFinished(
                new LeaderboardPayloads.PeriodView("walkers", "2037-12-20", DAY.start(), DAY.end(), "UTC", List.of(
                        new LeaderboardPayloads.Standing(1, "ada", "25"),
                        new LeaderboardPayloads.Standing(1, "bob", "25"),
                        new LeaderboardPayloads.Standing(3, "cy", "7.5"))));
        assertData(new Payloads.Pending(EventType.LEADERBOARD_PERIOD_FINISHED, daily),
                EventType.LEADERBOARD_PERIOD_FINISHED, """
                {"leaderboard":{"key":"walkers","period":"2037-12-20","period_start":"2037-12-20T00:00:00Z",
                 "period_end":"2037-12-21T00:00:00Z","timezone":"UTC","top":[{"rank":1,"user_id":"ada","score":"25"},
                 {"rank":1,"user_id":"bob","score":"25"},{"rank":3,"user_id":"cy","score":"7.5"}]}}""");
        LeaderboardPayloads.PeriodFinished allTime = new LeaderboardPayloads.PeriodFinished(
                new LeaderboardPayloads.PeriodView("legends", "all", null, null, "Europe/Paris", List.of()));
        assertData(new Payloads.Pending(EventType.LEADERBOARD_PERIOD_FINISHED, allTime),
                EventType.LEADERBOARD_PERIOD_FINISHED, """
                {"leaderboard":{"key":"legends","period":"all","period_start":null,"period_end":null,
                 "timezone":"Europe/Paris","top":[]}}""");
    }

    @Test
    void pingCarriesTheEndpointAndAMessage() {
        assertData(new Payloads.Pending(EventType.PING, new Payloads.PingData("we_1", "ping from Ludus")),
                EventType.PING, "{\"endpoint_id\":\"we_1\",\"message\":\"ping from Ludus\"}");
    }

    @Test
    void theContractCheckCatchesAMemberTheSchemaDoesNotHave() {
        JsonNode extra = JSON.readTrusted("{\"endpoint_id\":\"we_1\",\"message\":\"hi\",\"extra\":1}");
        assertThat(contractMismatches(EventType.PING, extra)).isNotEmpty();
    }
}
