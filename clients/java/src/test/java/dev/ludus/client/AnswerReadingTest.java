package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.client.internal.JsonSupport;
import java.time.DayOfWeek;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * How the SDK reads answers a newer server may write: values of an enumerated member this version
 * does not know are read as {@code UNKNOWN} instead of failing the whole answer.
 */
class AnswerReadingTest {

    private final ObjectMapper json = JsonSupport.mapper();

    @Test
    void anUnknownStreakChangeIsReadAsUnknown() throws Exception {
        StreakChange change = json.readValue("{\"key\":\"daily_walk\",\"change\":\"doubled\",\"length\":4}",
                StreakChange.class);

        assertThat(change.change()).isEqualTo(StreakChange.Kind.UNKNOWN);
        assertThat(change.length()).isEqualTo(4);
    }

    @Test
    void anUnknownHistoryResultIsReadAsUnknownAndTheDateExactly() throws Exception {
        StreakHistoryEntry entry = json.readValue("{\"first_day\":\"2026-11-30\",\"result\":\"paused\",\"length\":2}",
                StreakHistoryEntry.class);

        assertThat(entry.result()).isEqualTo(StreakHistoryEntry.Result.UNKNOWN);
        assertThat(entry.firstDay()).isEqualTo(java.time.LocalDate.of(2026, 11, 30));
    }

    @Test
    void unknownQuestChangesAndStatusesAreReadAsUnknown() throws Exception {
        QuestChange change = json.readValue("{\"key\":\"week\",\"change\":\"paused\",\"steps_done\":1,"
                + "\"steps_total\":2}", QuestChange.class);
        UserQuest quest = json.readValue("{\"key\":\"week\",\"status\":\"frozen\",\"enrollment\":\"opt_in\","
                + "\"order\":\"ordered\",\"steps\":[]}", UserQuest.class);
        QuestHistoryEntry entry = json.readValue("{\"quest\":\"week\",\"status\":\"abandoned\"}",
                QuestHistoryEntry.class);

        assertThat(change.change()).isEqualTo(QuestChange.Kind.UNKNOWN);
        assertThat(change.stepsDone()).isEqualTo(1);
        assertThat(quest.status()).isEqualTo(UserQuest.Status.UNKNOWN);
        assertThat(quest.enrollment()).isEqualTo(QuestDefinition.Enrollment.OPT_IN);
        assertThat(quest.order()).isEqualTo(QuestDefinition.Order.ORDERED);
        assertThat(entry.status()).isEqualTo(QuestHistoryEntry.Status.UNKNOWN);
    }

    @Test
    void anEventAnswerWithoutQuestsHasAnEmptyList() throws Exception {
        EventAnswer older = json.readValue("{\"points\":[],\"levels\":[],\"achievements\":[],\"streaks\":[],"
                + "\"leaderboards\":[],\"idempotent_replayed\":false}", EventAnswer.class);
        EventAnswer built = new EventAnswer(null, null, java.util.List.of(), java.util.List.of(), java.util.List.of(),
                java.util.List.of(), java.util.List.of(), false);

        assertThat(older.quests()).isEmpty();
        assertThat(built.quests()).isEmpty();
        assertThat(built).isEqualTo(older);
    }

    @Test
    void aCompletionWithoutQuestsHasAnEmptyList() throws Exception {
        Completion older = json.readValue("{\"user_id\":\"ada\",\"achievement\":\"beta\",\"already_unlocked\":true,"
                + "\"achievements\":[],\"points\":[],\"levels\":[],\"idempotent_replayed\":false}", Completion.class);
        Completion built = new Completion("ada", "beta", true, java.util.List.of(), java.util.List.of(),
                java.util.List.of(), false);

        assertThat(older.quests()).isEmpty();
        assertThat(built).isEqualTo(older);
    }

    @Test
    void questDefinitionsAreWrittenAsTheServerTakesThem() throws Exception {
        QuestDefinition definition = QuestDefinition.builder(QuestDefinition.Window.fixed(
                java.time.Instant.parse("2037-12-14T00:00:00Z"), java.time.Instant.parse("2037-12-21T00:00:00Z")))
                .metricStep("read", "lessons", new java.math.BigDecimal("3")).achievementStep(null, "scholar")
                .enrollment(QuestDefinition.Enrollment.OPT_IN).reward("xp", 50).build();

        assertThat(json.readTree(json.writeValueAsString(definition))).isEqualTo(json.readTree("""
                {"steps": [{"key": "read", "metric": "lessons", "total": 3}, {"achievement": "scholar"}],
                 "enrollment": "opt_in",
                 "window": {"type": "fixed", "starts_at": "2037-12-14T00:00:00Z", "ends_at": "2037-12-21T00:00:00Z"},
                 "reward": {"system": "xp", "points": 50}}"""));
        assertThat(json.readTree(json.writeValueAsString(QuestDefinition.Window.weekly(java.time.DayOfWeek.SUNDAY))))
                .isEqualTo(json.readTree("{\"type\": \"recurring\", \"period\": \"weekly\", \"week_start\": \"sunday\"}"));
    }

    @Test
    void aTeamQuestIsWrittenWithTeamAndItsWindowsTimezone() throws Exception {
        QuestDefinition definition = QuestDefinition.builder(QuestDefinition.Window.daily().withTimezone("Europe/Oslo"))
                .metricStep("read", "lessons", new java.math.BigDecimal("10")).team(true).build();

        assertThat(json.readTree(json.writeValueAsString(definition))).isEqualTo(json.readTree("""
                {"steps": [{"key": "read", "metric": "lessons", "total": 10}],
                 "window": {"type": "recurring", "period": "daily", "timezone": "Europe/Oslo"},
                 "team": true}"""));
        assertThat(json.readValue("{\"type\": \"recurring\", \"period\": \"weekly\", \"week_start\": \"monday\"}",
                QuestDefinition.Window.class)).isEqualTo(new QuestDefinition.Window.Recurring(
                QuestDefinition.Period.WEEKLY, java.time.DayOfWeek.MONDAY, null));
    }

    @Test
    void aQuestChangeWithoutTeamIdAndAnUnknownTeamQuestStatusAreRead() throws Exception {
        QuestChange change = json.readValue("{\"key\":\"week\",\"change\":\"completed\",\"steps_done\":1,"
                + "\"steps_total\":1}", QuestChange.class);
        TeamQuests quests = json.readValue("{\"team_id\":\"owls\",\"quests\":[{\"key\":\"week\","
                + "\"status\":\"paused\",\"steps\":[{\"key\":\"read\",\"progress\":2.5,\"total\":10,"
                + "\"completed\":false}]}]}", TeamQuests.class);

        assertThat(change.teamId()).isNull();
        assertThat(quests.quests()).singleElement().satisfies(quest -> {
            assertThat(quest.status()).isEqualTo(TeamQuest.Status.UNKNOWN);
            assertThat(quest.steps().get(0).progress()).isEqualByComparingTo("2.5");
        });
    }

    @Test
    void expiryIsWrittenAsTheServerTakesItAndAnswersWithoutItRead() throws Exception {
        PointsSystemDefinition season = PointsSystemDefinition.builder().expiresAfterDays(30).build();

        assertThat(json.readTree(json.writeValueAsString(season)).path("expiry"))
                .isEqualTo(json.readTree("{\"after_days\": 30}"));
        assertThat(season.expiresAfterDays()).isEqualTo(30);
        assertThat(json.writeValueAsString(PointsSystemDefinition.builder().build())).doesNotContain("expir");

        PointsSystem read = json.readValue("{\"key\":\"season\",\"triggers\":[],\"levels\":[],\"caps\":[],"
                + "\"expiry\":{\"after_days\":30}}", PointsSystem.class);
        PointsSystem never = json.readValue("{\"key\":\"xp\",\"triggers\":[],\"levels\":[],\"expiry\":null}",
                PointsSystem.class);
        PointsSystem older = json.readValue("{\"key\":\"xp\",\"triggers\":[],\"levels\":[]}", PointsSystem.class);
        PointsHistoryEntry expired = json.readValue("{\"id\":7,\"amount\":-40,\"balance\":10,\"source\":\"expiry\","
                + "\"reference\":null,\"reason\":\"expired\",\"created_at\":\"2037-02-10T00:00:00Z\"}",
                PointsHistoryEntry.class);

        assertThat(read.expiry()).isEqualTo(new PointsExpiry(30));
        assertThat(read.definition().expiry()).isEqualTo(new PointsExpiry(30));
        assertThat(never.expiry()).isNull();
        assertThat(never.expiresAfterDays()).isNull();
        assertThat(older.expiry()).isNull();
        assertThat(json.writeValueAsString(older.definition())).doesNotContain("expir");
        assertThat(expired.source()).isEqualTo("expiry");
        assertThat(expired.reason()).isEqualTo("expired");
        assertThat(expired.reference()).isNull();
    }

    @Test
    void noticesAndSeasonsAreWrittenAsTheServerTakesThemAndAnswersWithoutThemRead() throws Exception {
        PointsSystemDefinition coins = PointsSystemDefinition.builder().expiresAfterDays(30, 7)
                .season(PointsSeason.Period.QUARTERLY, "Europe/Paris").build();

        assertThat(json.readTree(json.writeValueAsString(coins)).path("expiry"))
                .isEqualTo(json.readTree("{\"after_days\": 30, \"notice_days\": 7}"));
        assertThat(json.readTree(json.writeValueAsString(coins)).path("season"))
                .isEqualTo(json.readTree("{\"period\": \"quarterly\", \"timezone\": \"Europe/Paris\"}"));
        assertThat(json.writeValueAsString(PointsSystemDefinition.builder().expiresAfterDays(30).build()))
                .doesNotContain("notice").doesNotContain("season");

        PointsSystem read = json.readValue("{\"key\":\"coins\",\"triggers\":[],\"levels\":[],"
                + "\"expiry\":{\"after_days\":30,\"notice_days\":null},"
                + "\"season\":{\"period\":\"yearly\",\"timezone\":\"UTC\",\"week_start\":\"sunday\"}}",
                PointsSystem.class);
        PointsSystem older = json.readValue("{\"key\":\"xp\",\"triggers\":[],\"levels\":[],"
                + "\"expiry\":{\"after_days\":30}}", PointsSystem.class);
        Progress.PointsProgress progress = json.readValue("{\"system\":\"coins\",\"name\":\"Coins\",\"balance\":20,"
                + "\"level\":null,\"next_level\":null,\"season\":{\"key\":\"2037-Q1\",\"start\":\"2037-01-01T00:00:00Z\","
                + "\"end\":\"2037-04-01T00:00:00Z\"},\"next_expiry\":{\"points\":20,"
                + "\"expires_at\":\"2037-02-10T00:00:00Z\"}}", Progress.PointsProgress.class);
        Progress.PointsProgress olderProgress = json.readValue("{\"system\":\"xp\",\"name\":\"XP\",\"balance\":5}",
                Progress.PointsProgress.class);

        assertThat(read.expiry()).isEqualTo(new PointsExpiry(30));
        assertThat(read.season()).isEqualTo(new PointsSeason(PointsSeason.Period.YEARLY, "UTC", DayOfWeek.SUNDAY));
        assertThat(read.definition().season()).isEqualTo(read.season());
        assertThat(older.season()).isNull();
        assertThat(older.expiry().noticeDays()).isNull();
        assertThat(json.writeValueAsString(older.definition())).doesNotContain("season").doesNotContain("notice");
        assertThat(progress.season()).isEqualTo(new Season("2037-Q1", Instant.parse("2037-01-01T00:00:00Z"),
                Instant.parse("2037-04-01T00:00:00Z")));
        assertThat(progress.nextExpiry()).isEqualTo(new Progress.NextExpiry(20, Instant.parse("2037-02-10T00:00:00Z")));
        assertThat(olderProgress).isEqualTo(new Progress.PointsProgress("xp", "XP", 5, null, null));
        assertThat(json.readValue("\"points.expiring\"", WebhookEventType.class))
                .isEqualTo(WebhookEventType.POINTS_EXPIRING);
        assertThat(json.readValue("\"quarterly\"", LeaderboardDefinition.Period.class))
                .isEqualTo(LeaderboardDefinition.Period.QUARTERLY);
    }

    @Test
    void fairPlayDefinitionsAreWrittenAsTheServerTakesThemAndAnswersWithoutThemRead() throws Exception {
        PointsSystemDefinition xp = PointsSystemDefinition.builder().trigger(PointsTrigger.perMetric("lessons", 10))
                .cap("lessons", 15, EarningCap.Period.DAY).cap(null, 100, EarningCap.Period.WEEK).build();
        MetricDefinition lessons = MetricDefinition.named("Lessons").withVelocity(new VelocityGuard(10, 60, true));

        assertThat(json.readTree(json.writeValueAsString(xp)).path("caps")).isEqualTo(json.readTree("""
                [{"metric": "lessons", "points": 15, "period": "day"}, {"points": 100, "period": "week"}]"""));
        assertThat(json.readTree(json.writeValueAsString(lessons))).isEqualTo(json.readTree("""
                {"name": "Lessons", "allow_negative": false,
                 "velocity": {"max_events": 10, "seconds": 60, "hold": true}}"""));
        assertThat(json.writeValueAsString(PointsSystemDefinition.builder().build())).doesNotContain("caps");
        assertThat(json.writeValueAsString(MetricDefinition.named("Lessons"))).doesNotContain("velocity");

        PointsSystem older = json.readValue("{\"key\":\"xp\",\"triggers\":[],\"levels\":[]}", PointsSystem.class);
        PointsChange change = json.readValue("{\"system\":\"xp\",\"awarded\":0,\"balance\":50,\"capped\":true,"
                + "\"cap\":{\"metric\":null,\"period\":\"fortnight\",\"points\":50,\"earned\":50}}",
                PointsChange.class);
        UserFlag flag = json.readValue("{\"reason\":\"shared_device\",\"metric\":\"lessons\",\"hold\":true}",
                UserFlag.class);

        assertThat(older.caps()).isEmpty();
        assertThat(json.writeValueAsString(older.definition())).doesNotContain("caps");
        assertThat(json.readValue("{\"key\":\"lessons\"}", Metric.class).velocity()).isNull();
        assertThat(json.readValue("{\"system\":\"xp\",\"awarded\":5,\"balance\":5,\"capped\":false}",
                PointsChange.class)).isEqualTo(new PointsChange("xp", 5, 5, false));
        assertThat(change.cap().metric()).isNull();
        assertThat(change.cap().period()).isEqualTo(EarningCap.Period.UNKNOWN);
        assertThat(flag.reason()).isEqualTo(UserFlag.Reason.UNKNOWN);
        assertThat(flag.hold()).isTrue();
        assertThat(json.readValue("{\"id\":\"ada\"}", User.class).flag()).isNull();
    }
}
