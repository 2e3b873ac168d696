package dev.ludus.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.audit.Actor;
import dev.ludus.engine.Amount;
import dev.ludus.engine.Outcome;
import dev.ludus.engine.Refusal;
import dev.ludus.http.ApiException;
import dev.ludus.profiles.UserPatch;
import dev.ludus.profiles.UserStore;
import dev.ludus.rules.RuleService;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import dev.ludus.secrets.Secrets;
import dev.ludus.store.GroupCommit;
import dev.ludus.store.WriteBatch;
import dev.ludus.testing.TestDatabase;
import dev.ludus.testing.TestStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The event service below its routes, on a real store: it applies the rules, hands each applied
 * change to the listeners in their order, answers what they add, and leaves them out of refused and
 * replayed writes.
 */
class EventServiceTest {

    private static final Actor ACTOR = Actor.operator(Optional.empty());

    private static final String APP = TestDatabase.APP;
    private static final ChangeOutputs.Key<Integer> SEEN = ChangeOutputs.Key.answered("seen");

    private TestDatabase store;
    private GroupCommit commit;
    private EventService events;
    private final List<String> calls = new ArrayList<>();
    private final List<AppliedChange> applied = new ArrayList<>();

    /** Records what it gets and answers how many changes it has seen. */
    private final ChangeListener first = new ChangeListener() {
        @Override
        public void applied(WriteBatch batch, AppliedChange change, ChangeOutputs outputs) {
            applied.add(change);
            calls.add("first");
            outputs.put(SEEN, applied.size());
        }

        @Override
        public void erasing(WriteBatch batch, String applicationId, String userId) {
            calls.add("erasing " + userId);
        }
    };

    /** Runs after the first and reads its output. */
    private final ChangeListener second = (batch, change, outputs) ->
            calls.add("second saw " + outputs.get(SEEN).orElseThrow());

    @BeforeEach
    void start() {
        store = new TestDatabase();
        RuleService rules = new RuleService(store.jdbi(), store.json(), store.clock())
                .register(MetricKind.KIND).register(PointsSystemKind.KIND).register(AchievementKind.KIND);
        rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{}"));
        rules.put(ACTOR, APP, PointsSystemKind.KIND, "xp", store.body("""
                {"triggers":[{"type":"metric","metric":"steps","points":1,"per":100}]}"""));
        commit = new GroupCommit(store.jdbi(), store.database().durability(), "test", 1, 64, 16,
                new SimpleMeterRegistry(), failure -> failure instanceof ApiException || failure instanceof Refusal);
        events = new EventService(store.jdbi(), commit, rules, new UserStore(store.json(), TestStore.postgresql()),
                List.of(first, second), new Secrets(), store.json(), Duration.ofDays(1),
                (handle, applicationId) -> new dev.ludus.tenancy.GameSettings(ZoneOffset.UTC, 0, "en"), store.clock());
    }

    @AfterEach
    void stop() {
        commit.close();
        store.close();
    }

    private Reply record(String userId, long steps, Optional<String> idempotencyKey) {
        return events.record(APP, new EventRequest(userId, "steps", Amount.of(steps),
                Optional.empty(), Map.of(), UserPatch.NONE, idempotencyKey), Optional.empty());
    }

    private JsonNode json(Reply reply) {
        return store.json().readTrusted(new String(reply.body(), StandardCharsets.UTF_8));
    }

    @Test
    void handsEachAppliedChangeToTheListenersInOrderAndAnswersWhatTheyAdd() {
        Reply reply = record("alice", 300, Optional.empty());

        assertThat(reply.status()).isEqualTo(201);
        assertThat(calls).containsExactly("first", "second saw 1");
        AppliedChange change = applied.getFirst();
        assertThat(change.applicationId()).isEqualTo(APP);
        assertThat(change.userId()).isEqualTo("alice");
        assertThat(change.event()).hasValueSatisfying(event -> assertThat(event.metric()).isEqualTo("steps"));
        assertThat(change.before().total("steps").toDecimal()).isZero();
        assertThat(change.change().outcomes(Outcome.PointsChanged.class))
                .singleElement().satisfies(points -> assertThat(points.balance()).isEqualTo(3));
        assertThat(json(reply).path("seen").asInt()).as("the listener's output is a member of the answer").isEqualTo(1);
    }

    @Test
    void aChangeTheRulesRefuseReachesNoListenerAndWritesNothing() {
        assertThatThrownBy(() -> events.adjust(ACTOR, APP, "bob", "xp", -5, "spend", Optional.empty(), Optional.empty()))
                .isInstanceOfSatisfying(Refusal.class,
                        refusal -> assertThat(refusal.reason()).isEqualTo(Refusal.Reason.INSUFFICIENT_POINTS));

        assertThat(calls).isEmpty();
        assertThat(store.count("SELECT COUNT(*) FROM users")).isZero();
    }

    @Test
    void aReplayedWriteAnswersTheFirstAnswerWithoutTheListeners() {
        Reply first = record("carol", 200, Optional.of("key-1"));
        Reply replay = record("carol", 200, Optional.of("key-1"));

        assertThat(calls).containsExactly("first", "second saw 1");
        assertThat(json(replay).path("idempotent_replayed").asBoolean()).isTrue();
        assertThat(json(replay).path("event").path("id").asText()).isEqualTo(json(first).path("event").path("id").asText());
        assertThat(store.count("SELECT COUNT(*) FROM events")).isEqualTo(1);
    }

    @Test
    void erasingAUserTellsTheListenersAndAnUnknownUserIsNotFound() {
        assertThat(events.putUser(APP, "dave", UserPatch.NONE)).as("created").isTrue();

        events.deleteUser(ACTOR, APP, "dave");

        assertThat(calls).containsExactly("erasing dave");
        assertThat(store.count("SELECT COUNT(*) FROM users")).isZero();
        assertThat(store.count("SELECT COUNT(*) FROM audit_log WHERE action = 'user.deleted' AND target_id = 'dave'"))
                .as("the erasure is in the audit log, in its transaction").isEqualTo(1);
        assertThatThrownBy(() -> events.deleteUser(ACTOR, APP, "dave")).isInstanceOfSatisfying(ApiException.class,
                problem -> assertThat(problem.status()).isEqualTo(404));
    }

    @Test
    void writesOfOneBatchSeeEachOther() {
        List<java.util.concurrent.CompletableFuture<Reply>> pending = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            pending.add(events.recordAsync(APP, new EventRequest("erin", "steps",
                    Amount.of(100), Optional.empty(), Map.of(), UserPatch.NONE,
                    Optional.empty()), Optional.empty()));
        }
        List<Long> balances = pending.stream().map(GroupCommit::await)
                .map(reply -> json(reply).path("points").get(0).path("balance").asLong()).toList();

        assertThat(balances).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(store.count("SELECT balance FROM user_points WHERE user_id = 'erin'")).isEqualTo(5);
    }
}
