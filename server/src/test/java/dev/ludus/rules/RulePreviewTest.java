package dev.ludus.rules;

import dev.ludus.audit.Actor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ludus.engine.MetricRule;
import dev.ludus.engine.PointsSystem;
import dev.ludus.http.ApiException;
import dev.ludus.http.ProblemHandler;
import dev.ludus.rules.kinds.AchievementKind;
import dev.ludus.rules.kinds.MetricKind;
import dev.ludus.rules.kinds.PointsSystemKind;
import dev.ludus.rules.kinds.StreakKind;
import dev.ludus.testing.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RuleService#preview}: what a PUT would do, with its checks, and nothing written. */
class RulePreviewTest {

    private static final Actor ACTOR = Actor.operator(Optional.empty());

    private static final String APP = TestDatabase.APP;

    private TestDatabase store;
    private RuleService rules;

    @BeforeEach
    void open() {
        store = new TestDatabase();
        rules = new RuleService(store.jdbi(), store.json(), store.clock()).register(MetricKind.KIND)
                .register(PointsSystemKind.KIND).register(AchievementKind.KIND).register(StreakKind.KIND);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private RuleService.Put<MetricRule> previewMetric(String key, String body) {
        return rules.preview(APP, MetricKind.KIND, key, store.body(body), (handle, rule, now) -> { });
    }

    private long version() {
        return rules.rules(APP).version();
    }

    @Test
    void previewOfANewRuleAnswersCreatedWithEveryMemberAndWritesNothing() {
        long version = version();

        RuleService.Put<MetricRule> preview = previewMetric("steps", "{\"name\":\"Steps\"}");

        assertThat(preview.result()).isEqualTo(RuleService.Result.CREATED);
        assertThat(preview.created()).isTrue();
        assertThat(preview.changedMembers()).containsExactly("allow_negative", "description", "name", "velocity");
        assertThat(preview.rule().createdAt()).isEqualTo(store.clock().instant());
        assertThat(version()).isEqualTo(version);
        assertThat(catchThrowableOfType(ApiException.class, () -> rules.get(APP, MetricKind.KIND, "steps")).status()).isEqualTo(404);
        assertThat(rules.active(APP).stored()).isEmpty();
    }

    @Test
    void previewOfAChangeNamesTheMembersThatChangeAndKeepsTheStoredRule() {
        RuleService.Put<MetricRule> created = rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{\"name\":\"Steps\"}"));
        long version = version();
        store.clock().advance(Duration.ofMinutes(1));

        RuleService.Put<MetricRule> preview = previewMetric("steps", "{\"name\":\"Walked\",\"allow_negative\":true}");

        assertThat(preview.result()).isEqualTo(RuleService.Result.CHANGED);
        assertThat(preview.changedMembers()).containsExactly("allow_negative", "name");
        assertThat(preview.rule().createdAt()).isEqualTo(created.rule().createdAt());
        assertThat(preview.rule().updatedAt()).isAfter(created.rule().updatedAt());
        assertThat(version()).isEqualTo(version);
        StoredRule<MetricRule> stored = rules.getCurrent(APP, MetricKind.KIND, "steps");
        assertThat(stored.definition().path("name").asText()).isEqualTo("Steps");
        assertThat(stored.updatedAt()).isEqualTo(created.rule().updatedAt());
    }

    @Test
    void previewOfTheStoredDefinitionIsUnchanged() {
        rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{\"name\":\"Steps\"}"));

        RuleService.Put<MetricRule> preview = previewMetric("steps", "{\"name\":\"Steps\",\"allow_negative\":false}");

        assertThat(preview.result()).isEqualTo(RuleService.Result.UNCHANGED);
        assertThat(preview.created()).isFalse();
        assertThat(preview.changedMembers()).isEmpty();
    }

    @Test
    void previewOfAnArchivedRuleIsARestoreThatLeavesItArchived() {
        rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{}"));
        rules.archive(ACTOR, APP, MetricKind.KIND, "steps");
        long version = version();
        AtomicInteger created = new AtomicInteger();

        RuleService.Put<MetricRule> preview = rules.preview(APP, MetricKind.KIND, "steps", store.body("{}"),
                (handle, rule, now) -> created.incrementAndGet());

        assertThat(preview.result()).isEqualTo(RuleService.Result.RESTORED);
        assertThat(preview.changedMembers()).isEmpty();
        assertThat(preview.rule().archived()).isFalse();
        assertThat(created).hasValue(1);
        assertThat(version()).isEqualTo(version);
        assertThat(rules.get(APP, MetricKind.KIND, "steps").archived()).isTrue();
    }

    @Test
    void onCreatedWritesInThePreviewAreRolledBack() {
        long version = version();

        rules.preview(APP, MetricKind.KIND, "steps", store.body("{}"), (handle, rule, now) ->
                handle.execute("UPDATE rule_sets SET version = version + 100 WHERE application_id = ?", APP));

        assertThat(version()).isEqualTo(version);
    }

    @Test
    void previewRefusesWhatAPutRefusesWithTheSameProblem() {
        rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{}"));
        String xp = "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"steps\",\"points\":1}]}";
        String unknown = "{\"triggers\":[{\"type\":\"metric\",\"metric\":\"distance\",\"points\":1}]}";
        String bad = "{\"max_points\":-1}";

        for (String body : List.of(unknown, bad)) {
            ApiException previewed = catchThrowableOfType(ApiException.class, () -> rules.preview(APP,
                    PointsSystemKind.KIND, "xp", store.body(body), (handle, rule, now) -> { }));
            ApiException put = catchThrowableOfType(ApiException.class,
                    () -> rules.put(ACTOR, APP, PointsSystemKind.KIND, "xp", store.body(body)));
            assertThat(previewed.status()).isEqualTo(400);
            assertThat(ProblemHandler.body(previewed)).isEqualTo(ProblemHandler.body(put));
        }
        RuleService.Put<PointsSystem> allowed = rules.preview(APP, PointsSystemKind.KIND, "xp", store.body(xp),
                (handle, rule, now) -> { });
        assertThat(allowed.rule().key()).isEqualTo("xp");
        assertThat(rules.active(APP).stored(PointsSystemKind.KIND, "xp")).isEqualTo(Optional.empty());
    }
}
