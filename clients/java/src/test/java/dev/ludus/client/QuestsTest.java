package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.client.internal.JsonSupport;
import dev.ludus.config.LudusConfig;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestLudus;
import dev.ludus.testing.WebhookReceiver;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link QuestsApi}, the quest calls of {@link UsersApi}, {@link TeamsApi#quests} and
 * {@link EventAnswer#quests()} against a real server with the rules of {@link Game}. The server's clock stands at noon UTC of a fixed day (it is
 * never moved), so that daily windows are that day's UTC midnights; windows that ended are made with
 * events dated up to two days back.
 */
class QuestsTest {

    private static final Instant NOON = Instant.parse("2030-06-12T12:00:00Z");
    private static final Instant TODAY = NOON.truncatedTo(ChronoUnit.DAYS);
    private static final Instant TOMORROW = TODAY.plus(Duration.ofDays(1));

    @RegisterExtension
    static final LudusServer shared = new LudusServer(TestLudus.builder().clockAt(NOON)
            .setting(LudusConfig.WEBHOOK_ALLOW_PRIVATE, "true"));
    private Game game;
    private Instant now;

    @BeforeEach
    void newApplicationWithRules() {
        game = Game.withRules(shared.ludus());
        now = shared.ludus().clock().instant();
    }

    /** 1,000 steps and a 5 km run every day, for 50 xp. */
    private Quest defineDailyWalk() {
        return game.admin.quests().put("daily_walk", QuestDefinition.builder(QuestDefinition.Window.daily())
                .name("Daily walk")
                .metricStep("walk", "steps", new BigDecimal("1000"))
                .metricStep("run", "distance_km", new BigDecimal("5"))
                .reward("xp", 50)
                .build());
    }

    private EventAnswer walk(String userId, long steps, Duration ago) {
        return game.server.events().send(Event.builder("steps").userId(userId).value(steps)
                .occurredAt(now.minus(ago)).build());
    }

    @Test
    void questsAreAnsweredInCanonicalFormListedArchivedAndRestored() {
        Instant starts = now.minus(Duration.ofDays(1));
        Instant ends = now.plus(Duration.ofDays(6));
        Quest week = game.admin.quests().put("week", QuestDefinition.builder(QuestDefinition.Window.fixed(starts, ends))
                .name("Week of walking").description("Walk, and earn the first badge")
                .metricStep("walk", "steps", new BigDecimal("5000.5"))
                .achievementStep(null, "first_steps")
                .reward("xp", 50).rewardAchievement("beta_tester")
                .build());

        assertThat(week.key()).isEqualTo("week");
        assertThat(week.name()).isEqualTo("Week of walking");
        assertThat(week.description()).isEqualTo("Walk, and earn the first badge");
        assertThat(week.steps()).containsExactly(
                QuestDefinition.Step.metric("walk", "steps", new BigDecimal("5000.5")),
                QuestDefinition.Step.achievement("step_2", "first_steps"));
        assertThat(week.order()).isEqualTo(QuestDefinition.Order.ANY);
        assertThat(week.enrollment()).isEqualTo(QuestDefinition.Enrollment.AUTOMATIC);
        assertThat(week.window()).isEqualTo(new QuestDefinition.Window.Fixed(starts, ends));
        assertThat(week.reward()).isEqualTo(new QuestDefinition.Prize("xp", 50L, "beta_tester"));
        assertThat(week.createdAt()).isEqualTo(now);
        assertThat(week.team()).isFalse();
        assertThat(week.archivedAt()).isNull();
        assertThat(game.server.quests().get("week")).isEqualTo(week);
        assertThat(game.admin.quests().put("week", week.definition())).isEqualTo(week);

        Quest daily = game.admin.quests().put("daily", QuestDefinition.builder(QuestDefinition.Window.daily())
                .metricStep(null, "distance_km", new BigDecimal("2.5"))
                .order(QuestDefinition.Order.ORDERED).enrollment(QuestDefinition.Enrollment.OPT_IN)
                .build());
        assertThat(daily.name()).isEqualTo("daily");
        assertThat(daily.description()).isNull();
        assertThat(daily.steps()).containsExactly(QuestDefinition.Step.metric("step_1", "distance_km",
                new BigDecimal("2.5")));
        assertThat(daily.order()).isEqualTo(QuestDefinition.Order.ORDERED);
        assertThat(daily.enrollment()).isEqualTo(QuestDefinition.Enrollment.OPT_IN);
        assertThat(daily.window()).isEqualTo(new QuestDefinition.Window.Recurring(QuestDefinition.Period.DAILY,
                DayOfWeek.MONDAY, null));
        assertThat(daily.reward()).isNull();
        Quest weekly = game.admin.quests().put("weekly", QuestDefinition.builder(
                QuestDefinition.Window.weekly(DayOfWeek.SUNDAY)).achievementStep("run", "marathon")
                .rewardAchievement("all_rounder").build());
        assertThat(weekly.window()).isEqualTo(QuestDefinition.Window.weekly(DayOfWeek.SUNDAY));
        assertThat(weekly.reward()).isEqualTo(new QuestDefinition.Prize(null, null, "all_rounder"));

        assertThat(game.server.quests().list().items()).extracting(Quest::key).containsExactly("daily", "week", "weekly");
        game.admin.quests().archive("weekly");
        assertThat(game.server.quests().listAll(false).map(Quest::key).toList()).containsExactly("daily", "week");
        assertThat(game.server.quests().list(2, null, true).nextCursor()).isNotNull();
        assertThat(game.server.quests().listAll(true).map(Quest::key).toList()).containsExactly("daily", "week", "weekly");
        assertThat(game.server.quests().get("weekly").archivedAt()).isEqualTo(now);
        assertThat(game.admin.quests().put("weekly", weekly.definition()).archivedAt()).isNull();
    }

    @Test
    void definitionsTheServerRefusesNameTheField() {
        QuestDefinition.Window daily = QuestDefinition.Window.daily();
        assertThatThrownBy(() -> game.admin.quests().put("swim", QuestDefinition.builder(daily)
                .metricStep("swim", "laps", BigDecimal.TEN).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("unknown_rule");
                    assertThat(e.field()).hasValue("steps");
                });
        assertThat(fieldOf(QuestDefinition.builder(daily).metricStep("walk", "steps", BigDecimal.ONE)
                .reward("gold", 5).build())).isEqualTo("reward");
        assertThat(fieldOf(QuestDefinition.builder(QuestDefinition.Window.fixed(now, now.minusSeconds(1)))
                .metricStep("walk", "steps", BigDecimal.ONE).build())).isEqualTo("window.ends_at");
        assertThat(fieldOf(QuestDefinition.builder(daily).metricStep("walk", "steps", BigDecimal.ONE)
                .metricStep("walk", "distance_km", BigDecimal.ONE).build())).isEqualTo("steps[1].key");
        assertThat(fieldOf(QuestDefinition.builder(daily).metricStep("walk", "steps", BigDecimal.ZERO).build()))
                .isEqualTo("steps[0].total");
        assertThat(fieldOf(QuestDefinition.builder(daily).metricStep("walk", "steps", BigDecimal.ONE)
                .reward("xp", 0).build())).isEqualTo("reward.points");
        assertThat(fieldOf(QuestDefinition.builder(daily).build())).isEqualTo("steps");
        assertThat(game.server.quests().list().items()).isEmpty();
        assertThatThrownBy(() -> QuestDefinition.Step.metric("walk", "steps", null))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new QuestDefinition.Prize("xp", null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void eventsAnswerTheStepsAndQuestsTheyCompletedAndThePrizeIsPaid() {
        defineDailyWalk();
        QuestPrize prize = new QuestPrize("xp", 50L, null);

        EventAnswer some = game.event("ada", "steps", "600");
        EventAnswer enough = game.event("ada", "steps", "500");

        assertThat(some.quests()).isEmpty();
        assertThat(enough.quests()).containsExactly(new QuestChange("daily_walk", "Daily walk",
                QuestChange.Kind.STEP_COMPLETED, "walk", 1, 2, TODAY, TOMORROW, now, null, null));
        UserQuests halfway = game.server.users().quests("ada");
        assertThat(halfway.userId()).isEqualTo("ada");
        assertThat(halfway.history()).isEmpty();
        assertThat(halfway.quests()).containsExactly(new UserQuest("daily_walk", "Daily walk", null,
                QuestDefinition.Enrollment.AUTOMATIC, QuestDefinition.Order.ANY, UserQuest.Status.ACTIVE, false, null,
                TODAY, TOMORROW, 1, 2, List.of(
                        new UserQuest.Step("walk", "steps", null, new BigDecimal("1100"), new BigDecimal("1000"), true, now),
                        new UserQuest.Step("run", "distance_km", null, BigDecimal.ZERO, new BigDecimal("5"), false, null)),
                null, prize));

        EventAnswer run = game.event("ada", "distance_km", "5");

        assertThat(run.quests()).containsExactly(
                new QuestChange("daily_walk", "Daily walk", QuestChange.Kind.STEP_COMPLETED, "run", 2, 2, TODAY,
                        TOMORROW, now, null, null),
                new QuestChange("daily_walk", "Daily walk", QuestChange.Kind.COMPLETED, null, 2, 2, TODAY, TOMORROW,
                        now, prize, null));
        assertThat(run.points()).filteredOn(points -> points.system().equals("xp")).singleElement()
                .satisfies(points -> assertThat(points.awarded()).isEqualTo(50));
        assertThat(game.server.users().pointsHistory("ada", "xp").items()).first().satisfies(entry -> {
            assertThat(entry.source()).isEqualTo("quest");
            assertThat(entry.reference()).isEqualTo("daily_walk");
            assertThat(entry.amount()).isEqualTo(50);
        });
        UserQuests done = game.server.users().quests("ada");
        assertThat(done.quests()).singleElement().satisfies(quest -> {
            assertThat(quest.status()).isEqualTo(UserQuest.Status.COMPLETED);
            assertThat(quest.stepsDone()).isEqualTo(2);
            assertThat(quest.completedAt()).isEqualTo(now);
            assertThat(quest.steps()).extracting(UserQuest.Step::completed).containsExactly(true, true);
        });
        QuestHistoryEntry completed = new QuestHistoryEntry("daily_walk", TODAY, TOMORROW,
                QuestHistoryEntry.Status.COMPLETED, 2, 2, now, now);
        assertThat(done.history()).containsExactly(completed);
        assertThat(game.server.users().questHistory("ada").items()).containsExactly(completed);
        assertThat(game.event("ada", "distance_km", "5").quests()).as("a quest completes once per window").isEmpty();
    }

    @Test
    void windowsThatEndUnfinishedExpireAndTheHistoryIsPaged() {
        defineDailyWalk();
        Instant yesterday = TODAY.minus(Duration.ofDays(1));
        Instant dayBefore = TODAY.minus(Duration.ofDays(2));

        EventAnswer first = walk("bo", 1000, Duration.ofDays(2));
        EventAnswer second = walk("bo", 1000, Duration.ofDays(1));
        EventAnswer third = walk("bo", 10, Duration.ZERO);

        assertThat(first.quests()).containsExactly(new QuestChange("daily_walk", "Daily walk",
                QuestChange.Kind.STEP_COMPLETED, "walk", 1, 2, dayBefore, yesterday, now, null, null));
        assertThat(second.quests()).containsExactly(
                new QuestChange("daily_walk", "Daily walk", QuestChange.Kind.EXPIRED, null, 1, 2, dayBefore, yesterday,
                        null, null, null),
                new QuestChange("daily_walk", "Daily walk", QuestChange.Kind.STEP_COMPLETED, "walk", 1, 2, yesterday,
                        TODAY, now, null, null));
        assertThat(third.quests()).containsExactly(new QuestChange("daily_walk", "Daily walk",
                QuestChange.Kind.EXPIRED, null, 1, 2, yesterday, TODAY, null, null, null));

        QuestHistoryEntry newer = new QuestHistoryEntry("daily_walk", yesterday, TODAY,
                QuestHistoryEntry.Status.EXPIRED, 1, 2, null, now);
        QuestHistoryEntry older = new QuestHistoryEntry("daily_walk", dayBefore, yesterday,
                QuestHistoryEntry.Status.EXPIRED, 1, 2, null, now);
        Page<QuestHistoryEntry> page1 = game.server.users().questHistory("bo", null, 1, null);
        Page<QuestHistoryEntry> page2 = game.server.users().questHistory("bo", null, 1, page1.nextCursor());
        assertThat(page1.items()).containsExactly(newer);
        assertThat(page1.hasNext()).isTrue();
        assertThat(page2.items()).containsExactly(older);
        assertThat(page2.hasNext()).isFalse();
        assertThat(game.server.users().questHistoryAll("bo", "daily_walk").toList()).containsExactly(newer, older);
        assertThat(game.server.users().questHistory("bo", "another", 50, null).items()).isEmpty();
        UserQuests standing = game.server.users().quests("bo");
        assertThat(standing.history()).containsExactly(newer, older);
        assertThat(standing.quests()).singleElement().satisfies(quest -> {
            assertThat(quest.status()).isEqualTo(UserQuest.Status.ACTIVE);
            assertThat(quest.windowStart()).isEqualTo(TODAY);
            assertThat(quest.stepsDone()).isZero();
            assertThat(quest.steps()).first().satisfies(step ->
                    assertThat(step.progress()).isEqualByComparingTo("10"));
        });
        assertThat(errorOf(() -> game.server.users().quests("nobody"))).isEqualTo("not_found");
        assertThat(errorOf(() -> game.server.users().questHistory("nobody"))).isEqualTo("not_found");
    }

    @Test
    void anOptInQuestCountsAfterJoiningAndAchievementsHeldCountAtOnce() {
        Instant starts = now.minus(Duration.ofHours(1));
        Instant ends = now.plus(Duration.ofDays(7));
        game.admin.quests().put("challenge", QuestDefinition.builder(QuestDefinition.Window.fixed(starts, ends))
                .name("Challenge")
                .achievementStep("badge", "first_steps")
                .metricStep("walk", "steps", new BigDecimal("500"))
                .enrollment(QuestDefinition.Enrollment.OPT_IN)
                .reward("coins", 30).rewardAchievement("beta_tester")
                .build());
        assertThat(game.event("dee", "steps", "1000").quests()).as("not joined: nothing counts").isEmpty();
        assertThat(game.server.users().quests("dee").quests()).singleElement().satisfies(quest -> {
            assertThat(quest.status()).isEqualTo(UserQuest.Status.NOT_JOINED);
            assertThat(quest.joined()).isFalse();
            assertThat(quest.enrollment()).isEqualTo(QuestDefinition.Enrollment.OPT_IN);
            assertThat(quest.windowStart()).isEqualTo(starts);
            assertThat(quest.windowEnd()).isEqualTo(ends);
        });

        QuestJoin joined = game.server.users().joinQuest("dee", "challenge", "join-dee");
        QuestJoin replay = game.server.users().joinQuest("dee", "challenge", "join-dee");
        QuestJoin again = game.server.users().joinQuest("dee", "challenge");

        assertThat(joined.userId()).isEqualTo("dee");
        assertThat(joined.idempotentReplayed()).isFalse();
        assertThat(joined.levels()).isEmpty();
        assertThat(joined.points()).as("one step of two: no prize").isEmpty();
        assertThat(joined.achievements()).isEmpty();
        assertThat(joined.changes()).containsExactly(new QuestChange("challenge", "Challenge",
                QuestChange.Kind.STEP_COMPLETED, "badge", 1, 2, starts, ends, now, null, null));
        assertThat(joined.quest()).isEqualTo(new UserQuest("challenge", "Challenge", null,
                QuestDefinition.Enrollment.OPT_IN, QuestDefinition.Order.ANY, UserQuest.Status.ACTIVE, true, now,
                starts, ends, 1, 2, List.of(
                        new UserQuest.Step("badge", null, "first_steps", null, null, true, now),
                        new UserQuest.Step("walk", "steps", null, BigDecimal.ZERO, new BigDecimal("500"), false, null)),
                null, new QuestPrize("coins", 30L, "beta_tester")));
        assertThat(replay.idempotentReplayed()).isTrue();
        assertThat(replay.quest()).isEqualTo(joined.quest());
        assertThat(again.idempotentReplayed()).isFalse();
        assertThat(again.changes()).isEmpty();
        assertThat(again.quest()).isEqualTo(joined.quest());
        assertThat(errorOf(() -> game.server.users().joinQuest("dee", "nothing", "join-dee")))
                .isEqualTo("idempotency_conflict");

        EventAnswer walked = game.event("dee", "steps", "500");

        assertThat(walked.quests()).extracting(QuestChange::change, QuestChange::step).containsExactly(
                org.assertj.core.groups.Tuple.tuple(QuestChange.Kind.STEP_COMPLETED, "walk"),
                org.assertj.core.groups.Tuple.tuple(QuestChange.Kind.COMPLETED, null));
        assertThat(walked.quests().get(1).reward()).isEqualTo(new QuestPrize("coins", 30L, "beta_tester"));
        assertThat(walked.achievements()).extracting(Unlock::key).contains("beta_tester");
        assertThat(game.server.users().pointsHistoryAll("dee", "coins"))
                .filteredOn(entry -> entry.source().equals("quest")).singleElement().satisfies(entry -> {
                    assertThat(entry.reference()).isEqualTo("challenge");
                    assertThat(entry.amount()).isEqualTo(30);
                });
        assertThat(game.server.users().quests("dee").quests()).singleElement()
                .satisfies(quest -> assertThat(quest.status()).isEqualTo(UserQuest.Status.COMPLETED));
    }

    @Test
    void anApiCompletionOrAJoinThatCompletesAQuestAnswersItAndItsPrize() {
        game.admin.quests().put("testers", QuestDefinition.builder(QuestDefinition.Window.daily()).name("Testers")
                .achievementStep("beta", "beta_tester").reward("xp", 40).build());
        game.admin.quests().put("club", QuestDefinition.builder(QuestDefinition.Window.daily()).name("Club")
                .achievementStep("beta", "beta_tester").enrollment(QuestDefinition.Enrollment.OPT_IN)
                .reward("xp", 15).build());

        Completion completed = game.server.users().completeAchievement("fay", "beta_tester");
        QuestJoin joined = game.server.users().joinQuest("fay", "club");

        QuestPrize forty = new QuestPrize("xp", 40L, null);
        assertThat(completed.quests()).containsExactly(
                new QuestChange("testers", "Testers", QuestChange.Kind.STEP_COMPLETED, "beta", 1, 1, TODAY, TOMORROW,
                        now, null, null),
                new QuestChange("testers", "Testers", QuestChange.Kind.COMPLETED, null, 1, 1, TODAY, TOMORROW, now,
                        forty, null));
        assertThat(completed.points()).filteredOn(points -> points.system().equals("xp")).singleElement()
                .satisfies(points -> assertThat(points.awarded()).isEqualTo(40));
        assertThat(joined.changes()).extracting(QuestChange::change).containsExactly(
                QuestChange.Kind.STEP_COMPLETED, QuestChange.Kind.COMPLETED);
        assertThat(joined.points()).singleElement().satisfies(points -> {
            assertThat(points.system()).isEqualTo("xp");
            assertThat(points.awarded()).isEqualTo(15);
            assertThat(points.balance()).isEqualTo(55);
        });
        assertThat(joined.achievements()).isEmpty();
        assertThat(joined.quest().status()).isEqualTo(UserQuest.Status.COMPLETED);
    }

    @Test
    void joiningIsRefusedForQuestsThatEndedOrDoNotExistAndAUserJoinsOnlyForThemselves() {
        game.admin.quests().put("spring", QuestDefinition.builder(QuestDefinition.Window.fixed(
                now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(9))))
                .metricStep("walk", "steps", BigDecimal.TEN).enrollment(QuestDefinition.Enrollment.OPT_IN).build());
        game.admin.quests().put("summer", QuestDefinition.builder(QuestDefinition.Window.fixed(
                now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(8))))
                .metricStep("walk", "steps", BigDecimal.TEN).enrollment(QuestDefinition.Enrollment.OPT_IN).build());
        defineDailyWalk();
        LudusClient erin = game.server.asUser("erin");

        assertThatThrownBy(() -> erin.users().joinQuest("me", "spring"))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("quest_ended");
                });
        assertThat(errorOf(() -> erin.users().joinQuest("me", "autumn"))).isEqualTo("not_found");
        QuestJoin summer = erin.users().joinQuest("me", "summer");
        QuestJoin automatic = erin.users().joinQuest("me", "daily_walk");

        assertThat(summer.userId()).isEqualTo("erin");
        assertThat(summer.quest().status()).isEqualTo(UserQuest.Status.UPCOMING);
        assertThat(summer.quest().joined()).isTrue();
        assertThat(summer.changes()).isEmpty();
        assertThat(automatic.quest().status()).isEqualTo(UserQuest.Status.ACTIVE);
        assertThat(automatic.quest().joined()).isFalse();
        assertThat(automatic.changes()).isEmpty();
        assertThat(erin.users().quests("me").quests()).extracting(UserQuest::key, UserQuest::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("daily_walk", UserQuest.Status.ACTIVE),
                org.assertj.core.groups.Tuple.tuple("spring", UserQuest.Status.ENDED),
                org.assertj.core.groups.Tuple.tuple("summer", UserQuest.Status.UPCOMING));
        assertThat(errorOf(() -> erin.users().joinQuest("dee", "summer"))).isEqualTo("insufficient_permissions");
        assertThat(errorOf(() -> erin.users().quests("dee"))).isEqualTo("insufficient_permissions");
    }

    @Test
    void endpointsSubscribeToTheQuestWebhooks() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            NewWebhookEndpoint endpoint = game.admin.webhooks().create(receiver.url(), List.of(
                    WebhookEventType.QUEST_STEP_COMPLETED, WebhookEventType.QUEST_COMPLETED), null);
            WebhookEndpoint changed = game.admin.webhooks().update(endpoint.id(), WebhookEndpointChanges.builder()
                    .eventTypes(WebhookEventType.QUEST_EXPIRED).build());

            assertThat(endpoint.eventTypes()).containsExactlyInAnyOrder(WebhookEventType.QUEST_STEP_COMPLETED,
                    WebhookEventType.QUEST_COMPLETED);
            assertThat(changed.eventTypes()).containsExactly(WebhookEventType.QUEST_EXPIRED);
            assertThat(game.admin.webhooks().get(endpoint.id()).eventTypes())
                    .containsExactly(WebhookEventType.QUEST_EXPIRED);
            game.admin.webhooks().delete(endpoint.id());
        }
    }

    /** 1,000 steps and a 5 km run a day by the members of a team together, for 30 coins to each member. */
    private Quest defineTeamDay() {
        return game.admin.quests().put("team_day", QuestDefinition.builder(QuestDefinition.Window.daily())
                .name("Team day")
                .metricStep("walk", "steps", new BigDecimal("1000"))
                .metricStep("run", "distance_km", new BigDecimal("5"))
                .team(true)
                .reward("coins", 30)
                .build());
    }

    /** A team of {@code members}, who become users first (a member must be one). */
    private void team(String teamId, String... members) {
        game.server.teams().put(teamId);
        for (String member : members) {
            game.server.users().put(member, new UserProfile(member, null, null, null));
            game.server.teams().join(teamId, member);
        }
    }

    /**
     * The user's points history entry of source {@code quest} in {@code system}, waiting for it (a team
     * quest's prize is paid just after the completing event's commit, off the event's write) up to 10 s.
     */
    private PointsHistoryEntry questPrizePaid(String userId, String system) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<PointsHistoryEntry> paid = game.server.users().pointsHistoryAll(userId, system)
                    .filter(entry -> entry.source().equals("quest")).toList();
            if (!paid.isEmpty()) {
                assertThat(paid).as("the prize is paid once").hasSize(1);
                return paid.get(0);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no quest prize in the " + system + " history of " + userId + " after 10 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void teamQuestsAreAnsweredWithTheirTimezoneAndRefuseWhatIsAUsersOnly() {
        Quest oslo = game.admin.quests().put("team_week", QuestDefinition.builder(
                QuestDefinition.Window.weekly(DayOfWeek.SUNDAY).withTimezone("Europe/Oslo"))
                .name("Team week").metricStep("walk", "steps", new BigDecimal("10000")).team(true).build());
        Quest utc = defineTeamDay();
        Quest user = defineDailyWalk();

        assertThat(oslo.team()).isTrue();
        assertThat(oslo.order()).isEqualTo(QuestDefinition.Order.ANY);
        assertThat(oslo.enrollment()).isEqualTo(QuestDefinition.Enrollment.AUTOMATIC);
        assertThat(oslo.window()).isEqualTo(new QuestDefinition.Window.Recurring(QuestDefinition.Period.WEEKLY,
                DayOfWeek.SUNDAY, "Europe/Oslo"));
        assertThat(oslo.definition().team()).isTrue();
        assertThat(game.admin.quests().put("team_week", oslo.definition())).isEqualTo(oslo);
        assertThat(game.server.quests().get("team_week")).isEqualTo(oslo);
        assertThat(utc.team()).isTrue();
        // a team quest's recurring window always has its timezone: UTC without one
        assertThat(utc.window()).isInstanceOfSatisfying(QuestDefinition.Window.Recurring.class,
                window -> assertThat(window.timezone()).isEqualTo("UTC"));
        assertThat(utc.steps()).containsExactly(QuestDefinition.Step.metric("walk", "steps", new BigDecimal("1000")),
                QuestDefinition.Step.metric("run", "distance_km", new BigDecimal("5")));
        assertThat(game.admin.quests().put("team_day", utc.definition())).isEqualTo(utc);
        assertThat(user.team()).isFalse();
        assertThat(user.window()).isEqualTo(new QuestDefinition.Window.Recurring(QuestDefinition.Period.DAILY,
                DayOfWeek.MONDAY, null));

        QuestDefinition.Window.Recurring daily = QuestDefinition.Window.daily();
        assertThat(fieldOf(QuestDefinition.builder(daily.withTimezone("Europe/Oslo"))
                .metricStep("walk", "steps", BigDecimal.ONE).build())).as("a user quest has no timezone")
                .isEqualTo("window.timezone");
        assertThat(fieldOf(QuestDefinition.builder(daily.withTimezone("Mars/Olympus_Mons"))
                .metricStep("walk", "steps", BigDecimal.ONE).team(true).build())).isEqualTo("window.timezone");
        assertThat(fieldOf(QuestDefinition.builder(daily).metricStep("walk", "steps", BigDecimal.ONE)
                .achievementStep("badge", "first_steps").team(true).build())).isEqualTo("steps[1].achievement");
        assertThat(fieldOf(QuestDefinition.builder(daily).metricStep("walk", "steps", BigDecimal.ONE)
                .order(QuestDefinition.Order.ORDERED).team(true).build())).isEqualTo("order");
        assertThat(fieldOf(QuestDefinition.builder(daily).metricStep("walk", "steps", BigDecimal.ONE)
                .enrollment(QuestDefinition.Enrollment.OPT_IN).team(true).build())).isEqualTo("enrollment");
        assertThat(game.server.quests().listAll(false).map(Quest::key).toList())
                .containsExactly("daily_walk", "team_day", "team_week");
    }

    @Test
    void theMembersOfATeamCompleteATeamQuestTogetherAndEachIsPaid() {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            game.admin.webhooks().create(receiver.url(), List.of(WebhookEventType.QUEST_COMPLETED), null);
            defineTeamDay();
            team("owls", "ann", "bob");
            team("larks");
            QuestPrize prize = new QuestPrize("coins", 30L, null);

            TeamQuests before = game.server.teams().quests("owls");
            assertThat(before.teamId()).isEqualTo("owls");
            assertThat(before.quests()).containsExactly(new TeamQuest("team_day", "Team day", null,
                    TeamQuest.Status.ACTIVE, TODAY, TOMORROW, 0, 2, List.of(
                            new TeamQuest.Step("walk", "steps", BigDecimal.ZERO, new BigDecimal("1000"), false),
                            new TeamQuest.Step("run", "distance_km", BigDecimal.ZERO, new BigDecimal("5"), false)),
                    null, prize));

            EventAnswer annWalked = game.event("ann", "steps", "600");
            game.event("bob", "steps", "400");
            game.event("cat", "distance_km", "5");
            TeamQuests halfway = game.server.teams().quests("owls");
            EventAnswer bobRan = game.event("bob", "distance_km", "5");

            assertThat(annWalked.quests()).as("a team quest is not in a member's own answer").isEmpty();
            assertThat(bobRan.quests()).isEmpty();
            assertThat(halfway.quests()).singleElement().satisfies(quest -> {
                assertThat(quest.status()).isEqualTo(TeamQuest.Status.ACTIVE);
                assertThat(quest.stepsDone()).isEqualTo(1);
                assertThat(quest.steps()).extracting(TeamQuest.Step::completed).containsExactly(true, false);
                assertThat(quest.steps().get(0).progress()).isEqualByComparingTo("1000");
                assertThat(quest.steps().get(1).progress()).as("a non-member's events do not count").isZero();
            });
            for (String member : List.of("ann", "bob")) {
                assertThat(questPrizePaid(member, "coins")).satisfies(entry -> {
                    assertThat(entry.reference()).isEqualTo("team_day");
                    assertThat(entry.amount()).isEqualTo(30);
                });
            }
            assertThat(game.server.teams().quests("owls").quests()).containsExactly(new TeamQuest("team_day",
                    "Team day", null, TeamQuest.Status.COMPLETED, TODAY, TOMORROW, 2, 2, List.of(
                            new TeamQuest.Step("walk", "steps", new BigDecimal("1000"), new BigDecimal("1000"), true),
                            new TeamQuest.Step("run", "distance_km", new BigDecimal("5"), new BigDecimal("5"), true)),
                    now, prize));
            assertThat(game.server.teams().quests("larks").quests()).singleElement().satisfies(quest -> {
                assertThat(quest.status()).isEqualTo(TeamQuest.Status.ACTIVE);
                assertThat(quest.stepsDone()).isZero();
            });
            assertThat(game.server.users().pointsHistoryAll("cat", "coins")).as("not a member: not paid").isEmpty();

            List<WebhookReceiver.Received> messages = receiver.await(2);
            QuestChange teamCompleted = new QuestChange("team_day", "Team day", QuestChange.Kind.COMPLETED, null, 2, 2,
                    TODAY, TOMORROW, now, prize, "owls");
            assertThat(messages).extracting(WebhookReceiver.Received::type).containsOnly("quest.completed");
            assertThat(messages).extracting(message -> message.json().path("data").path("user_id").asText())
                    .containsExactlyInAnyOrder("ann", "bob");
            assertThat(messages).extracting(message -> questChange(message.json().path("data").path("quest")))
                    .containsOnly(teamCompleted);

            UserQuests annQuests = game.server.users().quests("ann");
            assertThat(annQuests.quests()).as("a user's quests do not list team quests").isEmpty();
            assertThat(annQuests.history()).as("a member paid has the window in their history").containsExactly(
                    new QuestHistoryEntry("team_day", TODAY, TOMORROW, QuestHistoryEntry.Status.COMPLETED, 2, 2, now,
                            now));
            assertThatThrownBy(() -> game.server.users().joinQuest("ann", "team_day"))
                    .isInstanceOfSatisfying(LudusException.class, e -> {
                        assertThat(e.status()).isEqualTo(409);
                        assertThat(e.error()).isEqualTo("not_joinable");
                    });
            assertThat(errorOf(() -> game.server.teams().quests("nobody"))).isEqualTo("not_found");
        }
    }

    /** A webhook's {@code data.quest}, read as the SDK reads it. */
    private static QuestChange questChange(JsonNode quest) {
        try {
            return JsonSupport.mapper().treeToValue(quest, QuestChange.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private String fieldOf(QuestDefinition definition) {
        try {
            game.admin.quests().put("refused", definition);
        } catch (LudusException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.field().orElse(null);
        }
        throw new AssertionError("the definition was accepted");
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
