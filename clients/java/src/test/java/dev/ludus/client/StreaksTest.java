package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestLudus;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link StreaksApi} and the streak calls of {@link UsersApi} against a real server with the rules of
 * {@link Game} and a daily streak {@code daily_walk} (1,000 steps a day). The server's clock stands
 * at noon UTC of a fixed day, and every date of a test is derived from it, so that no run depends on
 * the day it runs or breaks across midnight; runs are built from events dated up to three days back
 * (within the event window).
 */
class StreaksTest {

    /** Noon: a day back or on is noon too, far from any midnight. */
    private static final Instant NOON = Instant.parse("2030-06-12T12:00:00Z");

    @RegisterExtension
    static final LudusServer shared = new LudusServer(TestLudus.builder().clockAt(NOON));
    private Game game;
    private Instant now;

    @BeforeEach
    void newApplicationWithADailyStreak() {
        game = Game.withRules(shared.ludus());
        now = shared.ludus().clock().instant();
    }

    private Streak defineDailyWalk(int initialFreezes, int maxFreezes) {
        return game.admin.streaks().put("daily_walk", StreakDefinition.builder(StreakDefinition.Period.DAILY)
                .name("Daily walk").condition("steps", new BigDecimal("1000"))
                .freezes(initialFreezes, 0, maxFreezes).build());
    }

    private EventAnswer walk(String userId, long steps, Duration ago) {
        return game.server.events().send(Event.builder("steps").userId(userId).value(steps)
                .occurredAt(now.minus(ago)).build());
    }

    @Test
    void definitionsAreAnsweredInCanonicalFormAndCanBePutBack() {
        Streak weekly = game.admin.streaks().put("active_week", StreakDefinition.builder(StreakDefinition.Period.WEEKLY)
                .weekStart(DayOfWeek.SUNDAY)
                .condition("steps", new BigDecimal("10000")).condition("distance_km")
                .combine(StreakDefinition.Combine.ANY)
                .build());
        Streak daily = game.admin.streaks().put("daily_walk", new StreakDefinition(null, null, null, null,
                List.of(new StreakDefinition.Condition("steps", null)), null, new StreakDefinition.Freezes(0, 5, null)));

        assertThat(weekly.key()).isEqualTo("active_week");
        assertThat(weekly.name()).isEqualTo("active_week");
        assertThat(weekly.period()).isEqualTo(StreakDefinition.Period.WEEKLY);
        assertThat(weekly.weekStart()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(weekly.conditions()).containsExactly(
                new StreakDefinition.Condition("steps", new BigDecimal("10000")),
                new StreakDefinition.Condition("distance_km", BigDecimal.ONE));
        assertThat(weekly.combine()).isEqualTo(StreakDefinition.Combine.ANY);
        assertThat(weekly.freezes()).isEqualTo(new StreakDefinition.Freezes(0, 0, 0));
        assertThat(weekly.createdAt()).isNotNull();
        assertThat(weekly.archivedAt()).isNull();
        assertThat(daily.period()).isEqualTo(StreakDefinition.Period.DAILY);
        assertThat(daily.weekStart()).isEqualTo(DayOfWeek.MONDAY);
        assertThat(daily.combine()).isEqualTo(StreakDefinition.Combine.ALL);
        assertThat(daily.freezes()).isEqualTo(new StreakDefinition.Freezes(0, 5, 1));
        assertThat(game.server.streaks().get("active_week")).isEqualTo(weekly);
        assertThat(game.admin.streaks().put("active_week", weekly.definition())).usingRecursiveComparison()
                .ignoringFields("updatedAt").isEqualTo(weekly);
    }

    @Test
    void listsArePagedAndArchivedStreaksListedOnRequest() {
        defineDailyWalk(0, 0);
        game.admin.streaks().put("active_week", StreakDefinition.builder(StreakDefinition.Period.WEEKLY)
                .condition("steps").build());

        Page<Streak> first = game.server.streaks().list(1, null, false);
        Page<Streak> second = game.server.streaks().list(1, first.nextCursor(), false);
        game.admin.streaks().archive("daily_walk");

        assertThat(first.items()).extracting(Streak::key).containsExactly("active_week");
        assertThat(second.items()).extracting(Streak::key).containsExactly("daily_walk");
        assertThat(game.server.streaks().list().items()).extracting(Streak::key).containsExactly("active_week");
        assertThat(game.server.streaks().listAll(true)).extracting(Streak::key)
                .containsExactly("active_week", "daily_walk");
        assertThat(game.server.streaks().get("daily_walk").archivedAt()).isNotNull();
        assertThat(game.admin.streaks().put("daily_walk", game.server.streaks().get("daily_walk").definition())
                .archivedAt()).isNull();
    }

    @Test
    void changingThePeriodIsRefusedAsStreakImmutableNamingTheField() {
        defineDailyWalk(0, 0);

        assertThatThrownBy(() -> game.admin.streaks().put("daily_walk",
                StreakDefinition.builder(StreakDefinition.Period.WEEKLY).condition("steps").build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.error()).isEqualTo("streak_immutable");
                    assertThat(e.field()).hasValue("period");
                });
        assertThat(game.server.streaks().get("daily_walk").period()).isEqualTo(StreakDefinition.Period.DAILY);
    }

    @Test
    void aConditionOnAnUnknownMetricIsRefusedAsUnknownRule() {
        assertThatThrownBy(() -> game.admin.streaks().put("sleep", StreakDefinition.builder(StreakDefinition.Period.DAILY)
                .condition("sleep_hours", new BigDecimal("7")).build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.error()).isEqualTo("unknown_rule");
                    assertThat(e.field()).hasValue("conditions");
                    assertThat(e.problem()).hasValueSatisfying(body -> assertThat(body).contains("metric:sleep_hours"));
                });
    }

    @Test
    void eventsExtendARunThatPaysStreakTriggersAndUnlocksStreakAchievements() {
        defineDailyWalk(0, 0);
        game.admin.pointsSystems().put("bonus", PointsSystemDefinition.builder()
                .trigger(PointsTrigger.onStreak("daily_walk", 2, 50)).build());
        game.admin.achievements().put("two_days", AchievementDefinition.builder(
                AchievementTrigger.streak("daily_walk", 2)).name("Two days").build());

        EventAnswer yesterday = walk("ada", 1200, Duration.ofDays(1));
        EventAnswer partOfToday = walk("ada", 400, Duration.ZERO);
        EventAnswer restOfToday = walk("ada", 700, Duration.ZERO);

        assertThat(yesterday.streaks()).singleElement().satisfies(change -> {
            assertThat(change.key()).isEqualTo("daily_walk");
            assertThat(change.change()).isEqualTo(StreakChange.Kind.EXTENDED);
            assertThat(change.length()).isEqualTo(1);
            assertThat(change.longest()).isEqualTo(1);
            assertThat(change.periodStart()).isEqualTo(startOfDay(now.minus(Duration.ofDays(1))));
            assertThat(change.freezes()).isNull();
        });
        assertThat(partOfToday.streaks()).isEmpty();
        assertThat(restOfToday.streaks()).singleElement().satisfies(change -> {
            assertThat(change.change()).isEqualTo(StreakChange.Kind.EXTENDED);
            assertThat(change.length()).isEqualTo(2);
            assertThat(change.periodEnd()).isEqualTo(startOfDay(now).plus(Duration.ofDays(1)));
        });
        assertThat(restOfToday.points()).contains(new PointsChange("bonus", 50, 50, false));
        assertThat(restOfToday.achievements()).extracting(Unlock::key).contains("two_days");
        assertThat(game.server.achievements().get("two_days").trigger())
                .isEqualTo(AchievementTrigger.streak("daily_walk", 2));
        assertThat(game.server.pointsSystems().get("bonus").triggers())
                .containsExactly(PointsTrigger.onStreak("daily_walk", 2, 50));
    }

    @Test
    void standingProgressAndHistoryShowTheRun() {
        defineDailyWalk(0, 0);
        walk("ada", 1200, Duration.ofDays(1));
        walk("ada", 1000, Duration.ZERO);

        StreakStanding standing = game.server.users().streak("ada", "daily_walk");
        Page<StreakHistoryEntry> history = game.server.users().streakHistory("ada", "daily_walk");

        assertThat(standing.key()).isEqualTo("daily_walk");
        assertThat(standing.name()).isEqualTo("Daily walk");
        assertThat(standing.period()).isEqualTo(StreakDefinition.Period.DAILY);
        assertThat(standing.timezone()).isEqualTo("UTC");
        assertThat(standing.current()).isEqualTo(2);
        assertThat(standing.longest()).isEqualTo(2);
        assertThat(standing.periodStart()).isEqualTo(startOfDay(now));
        assertThat(standing.periodMet()).isTrue();
        assertThat(standing.atRisk()).isFalse();
        assertThat(standing.expiresAt()).isEqualTo(startOfDay(now).plus(Duration.ofDays(2)));
        assertThat(standing.conditions()).singleElement().satisfies(condition -> {
            assertThat(condition.metric()).isEqualTo("steps");
            assertThat(condition.value()).isEqualByComparingTo("1000");
            assertThat(condition.threshold()).isEqualByComparingTo("1000");
            assertThat(condition.met()).isTrue();
        });
        assertThat(game.server.users().streaks("ada")).containsExactly(standing);
        assertThat(game.server.users().progress("ada").streaks()).containsExactly(standing);
        assertThat(history.items()).extracting(StreakHistoryEntry::result, StreakHistoryEntry::length)
                .containsExactly(tuple(StreakHistoryEntry.Result.MET, 2),
                        tuple(StreakHistoryEntry.Result.MET, 1));
        assertThat(history.items().get(0).firstDay()).isEqualTo(LocalDate.ofInstant(now, ZoneOffset.UTC));
        assertThat(history.items().get(0).timezone()).isEqualTo("UTC");
        assertThat(game.server.users().streakHistory("ada", "daily_walk", 1, null).nextCursor()).isNotNull();
        assertThat(game.server.users().streakHistoryAll("ada", "daily_walk")).isEqualTo(history.items());
    }

    @Test
    void aMissedDayConsumesAFreezeAndWithoutOneEndsTheRun() {
        defineDailyWalk(1, 3);
        walk("ada", 1000, Duration.ofDays(3));
        walk("bob", 1000, Duration.ofDays(3));

        EventAnswer afterOneMissedDay = walk("ada", 1000, Duration.ofDays(1));
        EventAnswer afterTwoMissedDays = walk("bob", 1000, Duration.ZERO);

        assertThat(afterOneMissedDay.streaks())
                .extracting(StreakChange::change, StreakChange::length, StreakChange::freezes)
                .containsExactly(tuple(StreakChange.Kind.FREEZE_CONSUMED, 1, 0), tuple(StreakChange.Kind.EXTENDED, 2, null));
        assertThat(afterTwoMissedDays.streaks())
                .extracting(StreakChange::change, StreakChange::length, StreakChange::periodStart)
                .containsExactly(tuple(StreakChange.Kind.FREEZE_CONSUMED, 1, startOfDay(now.minus(Duration.ofDays(2)))),
                        tuple(StreakChange.Kind.LOST, 1, startOfDay(now.minus(Duration.ofDays(1)))),
                        tuple(StreakChange.Kind.EXTENDED, 1, startOfDay(now)));
        assertThat(game.server.users().streakHistory("ada", "daily_walk").items()).extracting(StreakHistoryEntry::result)
                .containsExactly(StreakHistoryEntry.Result.MET, StreakHistoryEntry.Result.FROZEN,
                        StreakHistoryEntry.Result.MET);
        assertThat(game.server.users().streakHistory("bob", "daily_walk").items()).extracting(StreakHistoryEntry::result)
                .containsExactly(StreakHistoryEntry.Result.MET, StreakHistoryEntry.Result.MISSED,
                        StreakHistoryEntry.Result.FROZEN, StreakHistoryEntry.Result.MET);
        assertThat(game.server.users().streak("bob", "daily_walk").longest()).isEqualTo(1);
    }

    @Test
    void freezeGrantsStopAtTheMaximumAndAreGivenOncePerKey() {
        defineDailyWalk(1, 3);

        FreezeGrant first = game.server.users().grantFreezes("ada", "daily_walk", 5, "shop-order-1");
        FreezeGrant replayed = game.server.users().grantFreezes("ada", "daily_walk", 5, "shop-order-1");
        FreezeGrant atTheCap = game.server.users().grantFreezes("ada", "daily_walk", 1);

        assertThat(first.userId()).isEqualTo("ada");
        assertThat(first.streak()).isEqualTo("daily_walk");
        assertThat(first.requested()).isEqualTo(5);
        assertThat(first.granted()).isEqualTo(2);
        assertThat(first.freezes()).isEqualTo(3);
        assertThat(first.maxFreezes()).isEqualTo(3);
        assertThat(first.streaks()).singleElement().satisfies(change -> {
            assertThat(change.change()).isEqualTo(StreakChange.Kind.FREEZES_GRANTED);
            assertThat(change.granted()).isEqualTo(2);
            assertThat(change.freezes()).isEqualTo(3);
        });
        assertThat(first.idempotentReplayed()).isFalse();
        assertThat(replayed.idempotentReplayed()).isTrue();
        assertThat(replayed.granted()).isEqualTo(2);
        assertThat(atTheCap.granted()).isZero();
        assertThat(game.server.users().streak("ada", "daily_walk").freezes()).isEqualTo(3);
        assertThatThrownBy(() -> game.server.users().grantFreezes("ada", "daily_walk", 0))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.field()).hasValue("count"));
        assertThatThrownBy(() -> game.server.users().grantFreezes("ada", "nope", 1))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void usersWithoutATimezoneAreJudgedInTheApplicationsTimezone() {
        defineDailyWalk(0, 0);
        assertThat(game.admin.application().get().timezone()).isEqualTo("UTC");

        Application changed = game.admin.application().update(ApplicationChanges.builder()
                .timezone("Asia/Tokyo").build());
        walk("ken", 1000, Duration.ZERO);

        assertThat(changed.timezone()).isEqualTo("Asia/Tokyo");
        assertThat(game.server.users().streak("ken", "daily_walk").timezone()).isEqualTo("Asia/Tokyo");
        assertThatThrownBy(() -> game.admin.application().update(ApplicationChanges.builder().timezone("CET").build()))
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.field()).hasValue("timezone");
                });
    }

    private static Instant startOfDay(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
