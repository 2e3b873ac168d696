package dev.ludus.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ludus.audit.Actor;
import dev.ludus.http.ApiException;
import dev.ludus.http.ProblemHandler;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import dev.ludus.testing.TestDatabase;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RuleService#dryRun}: a sequence of changes checked as the API checks each, each seeing those before it, none kept. */
class RuleDraftTest {

    private static final Actor ACTOR = Actor.operator(Optional.empty());
    private static final String APP = TestDatabase.APP;

    private TestDatabase store;
    private RuleService rules;

    @BeforeEach
    void open() {
        store = new TestDatabase();
        rules = new RuleService(store.jdbi(), store.json(), store.clock()).register(MetricKind.KIND)
                .register(PointsSystemKind.KIND).register(AchievementKind.KIND);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private long audited() {
        return store.count("SELECT COUNT(*) FROM audit_log");
    }

    @Test
    void eachChangeSeesTheOnesBeforeItAndNoneIsKept() {
        rules.put(ACTOR, APP, MetricKind.KIND, "old", store.body("{}"));
        long version = rules.rules(APP).version();
        long entries = audited();

        List<RuleService.Result> results = rules.dryRun(APP, draft -> List.of(
                draft.put(MetricKind.KIND, "steps", store.body("{}")).result(),
                draft.put(PointsSystemKind.KIND, "xp", store.body(
                        "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}")).result(),
                draft.put(MetricKind.KIND, "steps", store.body("{\"name\":\"Steps\"}")).result(),
                draft.put(MetricKind.KIND, "steps", store.body("{\"name\":\"Steps\"}")).result()));
        rules.dryRun(APP, draft -> {
            draft.archive(MetricKind.KIND, "old");
            return draft.put(MetricKind.KIND, "old", store.body("{}")).result();
        });

        assertThat(results).containsExactly(RuleService.Result.CREATED, RuleService.Result.CREATED,
                RuleService.Result.CHANGED, RuleService.Result.UNCHANGED);
        assertThat(rules.rules(APP).version()).isEqualTo(version);
        assertThat(audited()).isEqualTo(entries);
        assertThat(rules.active(APP).stored()).extracting(StoredRule::ref).containsExactly("metric:old");
    }

    @Test
    void theFirstRefusalIsThrownAsThePutOrArchiveWouldThrowIt() {
        String xp = "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}";
        rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{}"));
        rules.put(ACTOR, APP, PointsSystemKind.KIND, "xp", store.body(xp));

        ApiException inUse = catchThrowableOfType(ApiException.class,
                () -> rules.dryRun(APP, draft -> {
                    draft.put(MetricKind.KIND, "distance", store.body("{}"));
                    draft.archive(MetricKind.KIND, "steps");
                    return null;
                }));
        ApiException archived = catchThrowableOfType(ApiException.class,
                () -> rules.archive(ACTOR, APP, MetricKind.KIND, "steps"));

        assertThat(inUse.status()).isEqualTo(409);
        assertThat(ProblemHandler.body(inUse)).isEqualTo(ProblemHandler.body(archived));
        assertThat(rules.active(APP).contains("metric:distance")).isFalse();

        ApiException unknown = catchThrowableOfType(ApiException.class, () -> rules.dryRun(APP, draft -> {
            draft.archive(PointsSystemKind.KIND, "xp");
            draft.archive(MetricKind.KIND, "steps");
            return draft.put(PointsSystemKind.KIND, "xp", store.body(xp));
        }));
        assertThat(unknown.error()).isEqualTo("unknown_rule");
        assertThat(rules.active(APP).contains("metric:steps")).isTrue();
        assertThat(rules.active(APP).contains("points_system:xp")).isTrue();
    }
}
