package dev.ludus.bench;

import dev.ludus.engine.Achievement;
import dev.ludus.engine.Achievement.Criterion;
import dev.ludus.engine.Amount;
import dev.ludus.engine.Change;
import dev.ludus.engine.Engine;
import dev.ludus.engine.Event;
import dev.ludus.engine.Level;
import dev.ludus.engine.MetricRule;
import dev.ludus.engine.PointsSystem;
import dev.ludus.engine.PointsTrigger;
import dev.ludus.engine.Rules;
import dev.ludus.engine.UserState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The engine's event application ({@link Engine#applyEvent}) with the benchmark rule set of
 * {@code bench/events-rules.json} (3 metrics, 2 points systems with levels, 10 achievements) on a
 * user who already has totals, points and some achievements, against its floor: copying the
 * user's state into a new {@link UserState} with one total changed, which any state transition
 * pays. Run with {@code java -cp bench/target/benchmarks.jar org.openjdk.jmh.Main EngineBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class EngineBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");

    private Rules rules;
    private UserState state;
    private Event steps;
    private Event workout;

    @Setup
    public void setUp() {
        List<MetricRule> metrics = List.of(new MetricRule("steps", "Steps", Optional.empty(), false),
                new MetricRule("distance", "Distance", Optional.empty(), false),
                new MetricRule("workouts", "Workouts", Optional.empty(), false));
        PointsSystem xp = new PointsSystem("xp", "XP", Optional.empty(), List.of(
                new PointsTrigger.PerMetric("steps", 1, Amount.of(100), Map.of()),
                new PointsTrigger.PerMetric("workouts", 50, Amount.ONE, Map.of("kind", "run")),
                new PointsTrigger.OnAchievement("first_workout", 25)),
                OptionalLong.empty(), false, List.of(new Level("Rookie", 0), new Level("Regular", 500),
                        new Level("Pro", 5000), new Level("Legend", 50_000)));
        PointsSystem coins = new PointsSystem("coins", "Coins", Optional.empty(), List.of(
                new PointsTrigger.PerMetric("distance", 2, Amount.exact(new BigDecimal("0.5")), Map.of())),
                OptionalLong.of(100_000), false, List.of(new Level("Bronze", 0), new Level("Silver", 1000)));
        List<Achievement> achievements = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            achievements.add(new Achievement("steps_" + i, "Steps " + i, Optional.empty(), false,
                    new Criterion.MetricTotal("steps", Amount.of(i * 10_000L)),
                    Optional.of(new Achievement.Reward("coins", 10))));
        }
        achievements.add(new Achievement("marathon", "Marathon", Optional.empty(), false,
                new Criterion.MetricTotal("distance", Amount.exact(new BigDecimal("42.195"))), Optional.empty()));
        achievements.add(new Achievement("first_workout", "First workout", Optional.empty(), false,
                new Criterion.MetricTotal("workouts", Amount.ONE), Optional.empty()));
        achievements.add(new Achievement("profile", "Profile", Optional.empty(), true, new Criterion.ApiCall(),
                Optional.empty()));
        achievements.add(new Achievement("all_rounder", "All-rounder", Optional.empty(), false,
                new Criterion.AllOf(List.of("steps_1", "marathon", "first_workout")), Optional.empty()));
        rules = Rules.of(1, metrics, List.of(xp, coins), achievements);

        UserState start = UserState.EMPTY;
        start = Engine.applyEvent(rules, start, new Event("e1", "steps", Amount.of(12_345), Map.of(), NOW), NOW).state();
        start = Engine.applyEvent(rules, start, new Event("e2", "workouts", Amount.ONE, Map.of("kind", "run"), NOW), NOW)
                .state();
        start = Engine.applyEvent(rules, start, new Event("e3", "distance", Amount.of(10), Map.of(), NOW), NOW).state();
        state = start;
        steps = new Event("e4", "steps", Amount.of(250), Map.of(), NOW);
        workout = new Event("e5", "workouts", Amount.ONE, Map.of("kind", "run"), NOW);
    }

    /** A steps event: one total, one points trigger, every achievement checked. */
    @Benchmark
    public Change applySteps() {
        return Engine.applyEvent(rules, state, steps, NOW);
    }

    /** A workout event with an attribute filter. */
    @Benchmark
    public Change applyWorkout() {
        return Engine.applyEvent(rules, state, workout, NOW);
    }

    /** The floor: the user's state copied with one total changed. */
    @Benchmark
    public UserState copyState() {
        Map<String, Amount> totals = new HashMap<>(state.totals());
        totals.put("steps", state.total("steps").plus(steps.value()));
        return new UserState(totals, state.points(), state.unlocked());
    }
}
