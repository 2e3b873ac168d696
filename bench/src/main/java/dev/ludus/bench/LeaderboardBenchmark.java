package dev.ludus.bench;

import dev.ludus.leaderboard.MemoryRanking;
import dev.ludus.leaderboard.Ranking;
import dev.ludus.leaderboard.Ranking.Placed;
import dev.ludus.leaderboard.Ranking.Standing;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
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
 * The in-memory leaderboard index ({@link MemoryRanking}) holding 1,000,000 users: a user's place
 * (rank with ties and position), the top-100 page, and a score update, against the floor of any
 * index keyed by user id: {@code HashMap.get} of the same user ids. One thread; the users asked for
 * are drawn in advance, the same sequence for every benchmark. Run with
 * {@code BENCH_OUTPUT=bench/results/jmh-leaderboard.json bench/jmh.sh LeaderboardBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class LeaderboardBenchmark {

    private static final int USERS = 1_000_000;
    private static final int DRAWS = 1 << 16;

    private String[] userIds;
    private int[] draws;
    private long[] scores;
    private int next;
    private long version = 1;
    private MemoryRanking ranking;
    private Map<String, Standing> byUser;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        userIds = new String[USERS];
        ranking = new MemoryRanking();
        byUser = new HashMap<>();
        for (int i = 0; i < USERS; i++) {
            userIds[i] = "user-" + Integer.toString(random.nextInt(), 36) + "-" + i;
            Standing standing = new Standing(userIds[i], random.nextLong(1_000_000), i, 1);
            ranking.put(standing);
            byUser.put(userIds[i], standing);
        }
        draws = new int[DRAWS];
        scores = new long[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = random.nextInt(USERS);
            scores[i] = random.nextLong(1_000_000);
        }
    }

    private int draw() {
        next = (next + 1) & (DRAWS - 1);
        return next;
    }

    /** A random user's rank with ties and position. */
    @Benchmark
    public Optional<Placed> place() {
        return ranking.place(userIds[draws[draw()]]);
    }

    /** The first page of 100, each with its rank. */
    @Benchmark
    public List<Placed> range() {
        return ranking.range(0, 100);
    }

    /** A random user's new score (a newer version): out of the order and back in at its new place. */
    @Benchmark
    public void put() {
        int at = draw();
        ranking.put(new Standing(userIds[draws[at]], scores[at], version, ++version));
    }

    /** The floor: finding the same users' standings in a {@link HashMap}. */
    @Benchmark
    public Standing hashMapGet() {
        return byUser.get(userIds[draws[draw()]]);
    }
}
