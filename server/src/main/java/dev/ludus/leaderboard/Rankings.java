package dev.ludus.leaderboard;

import java.util.Optional;

/**
 * Makes the {@link Ranking} of each leaderboard period by name, such as {@code <app>:<board>:<period>}.
 * The same name gives the same ranking, in this process and, for the Redis implementation, on every
 * node that uses the same Redis. Thread-safe.
 */
public interface Rankings extends AutoCloseable {

    /** The ranking called {@code name}, empty and not {@link Ranking#loaded} the first time. */
    Ranking ranking(String name);

    /** Drops the ranking called {@code name}: its standings and loaded mark are gone (on every node for Redis). */
    void forget(String name);

    /**
     * True when the rankings live outside this process (Redis): their calls may fail or be slow, so
     * live updates are made off the writer thread, and {@link #generation()} is watched.
     */
    default boolean remote() {
        return false;
    }

    /**
     * Checks that the rankings can be read and written, and answers their generation: a value that
     * changes whenever they may have lost or gone back on changes (Redis restarted, from an older
     * snapshot or empty, failed over, or was flushed). Constant for rankings in memory.
     *
     * @throws RankingUnavailableException when they cannot be read or refuse writes
     */
    default String generation() {
        return "memory";
    }

    /** Releases what the rankings hold (the Redis connections); the rankings are unusable afterwards. */
    @Override
    void close();

    /**
     * Redis rankings when a {@code redis://} or {@code rediss://} URL is given, else rankings in memory.
     *
     * @throws IllegalStateException when Redis does not answer (see {@link RedisRankings#RedisRankings(String)})
     */
    static Rankings of(Optional<String> redisUrl) {
        return redisUrl.<Rankings>map(RedisRankings::new).orElseGet(MemoryRankings::new);
    }
}
