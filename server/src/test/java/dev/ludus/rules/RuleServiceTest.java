package dev.ludus.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.audit.Actor;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.PointsSystem;
import dev.ludus.http.ApiException;
import dev.ludus.http.PageRequest;
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

/** {@link RuleService} on a real store, below the routes: puts, archives, reference checks and the version cache. */
class RuleServiceTest {

    private static final Actor ACTOR = Actor.operator(Optional.empty());

    private static final String APP = TestDatabase.APP;
    private static final String XP = """
            {"triggers":[{"type":"metric","metric":"steps","points":1}]}""";

    private TestDatabase store;
    private RuleService rules;

    @BeforeEach
    void open() {
        store = new TestDatabase();
        rules = withStandardKinds(service());
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** A rule service on the test store, with no kinds registered. */
    private RuleService service() {
        return new RuleService(store.jdbi(), store.json(), store.clock());
    }

    private static RuleService withStandardKinds(RuleService service) {
        return service.register(MetricKind.KIND).register(PointsSystemKind.KIND).register(AchievementKind.KIND)
                .register(StreakKind.KIND);
    }

    private RuleService.Put<MetricRule> metric(String key, String body) {
        return rules.put(ACTOR, APP, MetricKind.KIND, key, store.body(body));
    }

    private static ApiException refusal(Runnable call) {
        try {
            call.run();
        } catch (ApiException e) {
            return e;
        }
        throw new AssertionError("no ApiException");
    }

    @Test
    void putCreatesARuleThenAnswersTheSameDefinitionUnchangedWithoutANewVersion() {
        RuleService.Put<MetricRule> created = metric("steps", "{\"name\":\"Steps\"}");
        long version = rules.rules(APP).version();
        store.clock().advance(Duration.ofMinutes(1));

        RuleService.Put<MetricRule> again = metric("steps", "{\"name\":\"Steps\",\"allow_negative\":false}");

        assertThat(created.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.rule().updatedAt()).isEqualTo(created.rule().updatedAt());
        assertThat(rules.rules(APP).version()).isEqualTo(version);
        assertThat(rules.rules(APP).metric("steps")).map(rule -> rule.name().text()).hasValue("Steps");
    }

    @Test
    void changingAnActiveRuleBumpsTheVersionAndTheCacheFollows() {
        metric("steps", "{\"name\":\"Steps\"}");
        long version = rules.rules(APP).version();

        RuleService.Put<MetricRule> changed = metric("steps", "{\"name\":\"Walked\"}");

        assertThat(changed.created()).isFalse();
        assertThat(rules.rules(APP).version()).isGreaterThan(version);
        assertThat(rules.rules(APP).metric("steps")).map(rule -> rule.name().text()).hasValue("Walked");
    }

    @Test
    void putRefusesReferencesToRulesThatAreNotActiveAndStoresNothing() {
        ApiException refused = refusal(() -> rules.put(ACTOR, APP, PointsSystemKind.KIND, "xp", store.body(XP)));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).isEqualTo("unknown_rule");
        assertThat(refused.members()).containsEntry("field", "triggers").containsEntry("missing", List.of("metric:steps"));
        assertThat(store.count("SELECT COUNT(*) FROM rules")).isZero();
    }

    @Test
    void archiveRefusesARuleThatAnActiveRuleUsesThenArchivesItOnceFree() {
        metric("steps", "{}");
        rules.put(ACTOR, APP, PointsSystemKind.KIND, "xp", store.body(XP));

        ApiException refused = refusal(() -> rules.archive(ACTOR, APP, MetricKind.KIND, "steps"));
        rules.archive(ACTOR, APP, PointsSystemKind.KIND, "xp");
        rules.archive(ACTOR, APP, MetricKind.KIND, "steps");
        rules.archive(ACTOR, APP, MetricKind.KIND, "steps");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("rule_in_use");
        assertThat(refused.members()).containsEntry("used_by", List.of("points_system:xp"));
        assertThat(rules.rules(APP).metrics()).isEmpty();
        assertThat(rules.get(APP, MetricKind.KIND, "steps").archived()).isTrue();
    }

    @Test
    void aRuleNeverDefinedIsNotFound() {
        ApiException archive = refusal(() -> rules.archive(ACTOR, APP, PointsSystemKind.KIND, "xp"));
        ApiException get = refusal(() -> rules.get(APP, PointsSystemKind.KIND, "xp"));

        assertThat(archive.status()).isEqualTo(404);
        assertThat(get.detail()).isEqualTo("no points system 'xp'");
    }

    @Test
    void onCreatedRunsWhenARuleIsNewOrRestoredNotWhenItChanges() {
        AtomicInteger calls = new AtomicInteger();
        RuleService.OnCreated<MetricRule> count = (handle, rule, now) -> calls.incrementAndGet();
        RuleService.Put<MetricRule> created = rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{}"), count);
        rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{\"name\":\"Walked\"}"), count);
        rules.archive(ACTOR, APP, MetricKind.KIND, "steps");
        store.clock().advance(Duration.ofMinutes(1));

        RuleService.Put<MetricRule> restored = rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{}"), count);

        assertThat(calls).hasValue(2);
        assertThat(restored.created()).isTrue();
        assertThat(restored.rule().createdAt()).isEqualTo(created.rule().createdAt());
        assertThat(restored.rule().updatedAt()).isAfter(created.rule().updatedAt());
        assertThat(rules.getCurrent(APP, MetricKind.KIND, "steps").archived()).isFalse();
    }

    @Test
    void aFailingOnCreatedRollsThePutBack() {
        long version = rules.rules(APP).version();

        assertThatThrownBy(() -> rules.put(ACTOR, APP, MetricKind.KIND, "steps", store.body("{}"), (handle, rule, now) -> {
            throw new IllegalStateException("backfill failed");
        })).hasMessage("backfill failed");

        assertThat(store.count("SELECT COUNT(*) FROM rules")).isZero();
        assertThat(rules.rules(APP).version()).isEqualTo(version);
    }

    @Test
    void theKindRefusesAChangeOfAStreakPeriodEvenWhenTheStreakIsArchived() {
        metric("steps", "{}");
        rules.put(ACTOR, APP, StreakKind.KIND, "daily", store.body("{\"conditions\":[{\"metric\":\"steps\"}]}"));
        rules.archive(ACTOR, APP, StreakKind.KIND, "daily");

        ApiException refused = refusal(() -> rules.put(ACTOR, APP, StreakKind.KIND, "daily",
                store.body("{\"period\":\"weekly\",\"conditions\":[{\"metric\":\"steps\"}]}")));

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.error()).isEqualTo("streak_immutable");
        assertThat(refused.members()).containsEntry("field", "period");
    }

    @Test
    void theKindRefusesPrerequisitesThatLeadBackToTheAchievement() {
        rules.put(ACTOR, APP, AchievementKind.KIND, "first", store.body("{\"trigger\":{\"type\":\"api\"}}"));
        rules.put(ACTOR, APP, AchievementKind.KIND, "second",
                store.body("{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"first\"]}}"));

        ApiException refused = refusal(() -> rules.put(ACTOR, APP, AchievementKind.KIND, "first",
                store.body("{\"trigger\":{\"type\":\"composite\",\"prerequisites\":[\"second\"]}}")));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.members()).containsEntry("field", "trigger.prerequisites");
        assertThat(refused.detail()).isEqualTo("the prerequisites of 'first' lead back to it");
    }

    @Test
    void rulesFollowAChangeMadeByAnotherNodeOnTheSameStore() {
        RuleService otherNode = withStandardKinds(service());
        metric("steps", "{}");
        assertThat(otherNode.rules(APP).metrics()).containsOnlyKeys("steps");

        metric("floors", "{}");
        rules.archive(ACTOR, APP, MetricKind.KIND, "steps");

        assertThat(otherNode.rules(APP).metrics()).containsOnlyKeys("floors");
        assertThat(otherNode.rules(APP).version()).isEqualTo(rules.rules(APP).version());
    }

    @Test
    void activeRulesGiveTheRulesOfOneTypeInKeyOrder() {
        metric("steps", "{}");
        metric("floors", "{}");
        rules.put(ACTOR, APP, PointsSystemKind.KIND, "xp", store.body(XP));
        metric("calories", "{}");
        rules.archive(ACTOR, APP, MetricKind.KIND, "calories");

        ActiveRules active = rules.active(APP);

        assertThat(active.all(MetricRule.class)).extracting(MetricRule::key).containsExactly("floors", "steps");
        assertThat(active.all(PointsSystem.class)).extracting(PointsSystem::key).containsExactly("xp");
        assertThat(active.find(MetricKind.KIND, "calories")).isEmpty();
        assertThat(rules.getCurrent(APP, MetricKind.KIND, "calories").archived()).isTrue();
    }

    @Test
    void aListSkipsRulesTheCallerMayNotSeeWithoutShorteningThePage() {
        for (String key : List.of("a", "b", "c", "d", "e")) {
            metric(key, "{}");
        }

        PageRequest.Page<StoredRule<MetricRule>> first = rules.list(APP, MetricKind.KIND,
                new PageRequest(2, Optional.empty()), false, rule -> !rule.key().equals("b"));
        PageRequest.Page<StoredRule<MetricRule>> second = rules.list(APP, MetricKind.KIND,
                new PageRequest(2, Optional.of("c")), false, rule -> !rule.key().equals("b"));

        assertThat(first.items()).extracting(StoredRule::key).containsExactly("a", "c");
        assertThat(first.nextCursor()).isNotNull();
        assertThat(second.items()).extracting(StoredRule::key).containsExactly("d", "e");
        assertThat(second.nextCursor()).isNull();
    }

    @Test
    void aStoredRuleOfAKindThatIsNotRegisteredCannotBeRead() {
        metric("steps", "{}");
        RuleService withoutMetrics = service().register(PointsSystemKind.KIND);

        assertThatThrownBy(() -> withoutMetrics.rules(APP))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown rule kind in the store: metric");
    }

    @Test
    void registeringRefusesAKindWhoseNameCollectionOrTypeIsTaken() {
        RuleKind<MetricRule> twin = new RuleKind<>() {
            public String name() {
                return "metric_twin";
            }

            public String collection() {
                return "metric-twins";
            }

            public Class<MetricRule> type() {
                return MetricRule.class;
            }

            public MetricRule read(String key, dev.ludus.http.JsonBody body) {
                return MetricKind.KIND.read(key, body);
            }

            public com.fasterxml.jackson.databind.node.ObjectNode write(MetricRule rule) {
                return MetricKind.KIND.write(rule);
            }
        };

        assertThatThrownBy(() -> rules.register(MetricKind.KIND)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clashes with the registered kind 'metric'");
        assertThatThrownBy(() -> rules.register(twin)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MetricRule");
    }
}
