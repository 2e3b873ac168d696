package dev.ludus.live;

import dev.ludus.engine.Outcome;
import dev.ludus.engine.Quests;
import dev.ludus.engine.Streaks;
import dev.ludus.events.AppliedChange;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One committed event as the live feed shows it: who, which metric and value, when, and what it
 * changed, each change a short line of one kind ({@code points}, {@code level}, {@code achievement},
 * {@code streak}). At most {@link #MAX_CHANGES} changes, so that an entry stays small.
 *
 * @param occurredAt when the event happened, as the application said
 * @param committedAt when it was committed
 */
public record LiveEntry(String applicationId, String userId, String eventId, String metric, String value,
        Instant occurredAt, Instant committedAt, List<Change> changes) {

    /** Most changes an entry lists; the rest are counted in a last line. */
    public static final int MAX_CHANGES = 20;

    /** One thing an event changed: its kind and a line that says it ({@code +10 xp = 120}). */
    public record Change(String kind, String text) { }

    public LiveEntry {
        changes = List.copyOf(changes);
    }

    /** The entry as JSON, as the live page reads it. */
    public String json() {
        return LiveCodec.text(this);
    }

    /** The entry of an applied change made by an event; null for a change without an event. */
    static LiveEntry of(AppliedChange applied) {
        if (applied.event().isEmpty()) {
            return null;
        }
        var event = applied.event().get();
        List<Change> changes = new ArrayList<>();
        int more = 0;
        for (Outcome outcome : applied.change().outcomes()) {
            Change change = describe(outcome);
            if (change == null) {
                continue;
            }
            if (changes.size() < MAX_CHANGES) {
                changes.add(change);
            } else {
                more++;
            }
        }
        if (more > 0) {
            changes.add(new Change("more", more + " more"));
        }
        return new LiveEntry(applied.applicationId(), applied.userId(), event.id(), event.metric(),
                event.value().toString(), event.occurredAt(), applied.now(), changes);
    }

    private static Change describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.MetricTotalChanged total -> null; // the event itself says it
            case Outcome.PointsChanged points -> new Change("points", (points.amount() >= 0 ? "+" : "")
                    + points.amount() + " " + points.system() + " = " + points.balance() + (points.capped() ? " (capped)" : ""));
            case Outcome.LevelChanged level -> new Change("level", level.system() + " level "
                    + level.previous().map(reached -> reached.name().text() + " -> ").orElse("")
                    + level.current().map(reached -> reached.name().text()).orElse("none"));
            case Outcome.AchievementUnlocked unlocked -> new Change("achievement", "unlocked " + unlocked.key());
            case Outcome.StreakChanged streak -> new Change("streak", switch (streak.change()) {
                case Streaks.Extended extended -> extended.streak() + " streak " + extended.length();
                case Streaks.FreezeConsumed frozen -> frozen.streak() + " streak kept by a freeze ("
                        + frozen.freezesLeft() + " left)";
                case Streaks.FreezeEarned earned -> earned.streak() + " freeze earned (" + earned.freezes() + ")";
                case Streaks.Lost lost -> lost.streak() + " streak lost after " + lost.length();
                case Streaks.FreezesGranted granted -> granted.streak() + " " + granted.granted() + " freezes granted";
            });
            case Outcome.RewardRedeemed redeemed -> new Change("reward", "redeemed " + redeemed.redemption().reward());
            case Outcome.RedemptionCancelled cancelled -> new Change("reward", "cancelled "
                    + cancelled.redemption().id());
            case Outcome.EarningCapped capped -> new Change("cap", capped.system() + " capped at "
                    + capped.cap().points() + " a " + capped.cap().period().wireName()
                    + capped.cap().metric().map(metric -> " from " + metric).orElse(""));
            case Outcome.UserFlagged flagged -> new Change("flag", "flagged: " + flagged.flag().events() + " "
                    + flagged.flag().metric() + " events in " + flagged.flag().window().toSeconds() + " s"
                    + (flagged.flag().hold() ? ", awards held" : ""));
            case Outcome.FlagCleared cleared -> new Change("flag", "flag cleared");
            case Outcome.PointsExpiring expiring -> new Change("points", expiring.points() + " " + expiring.system()
                    + " expiring at " + expiring.expiresAt());
            case Outcome.SeasonEnded ended -> new Change("season", ended.system() + " season " + ended.season().key()
                    + " ended at " + ended.balance());
            case Outcome.QuestChanged quest -> new Change("quest", switch (quest.change()) {
                case Quests.StepCompleted step -> step.quest() + " step " + step.step() + " done (" + step.done() + "/"
                        + step.steps() + ")";
                case Quests.Completed completed -> completed.quest() + " completed";
                case Quests.TeamCompleted completed -> completed.quest() + " completed by team " + completed.team();
                case Quests.Expired expired -> expired.quest() + " expired (" + expired.done() + "/" + expired.steps()
                        + ")";
            });
        };
    }
}
