package dev.ludus.config;

import java.util.Map;

/**
 * How the server uses its store: the connection pool, and the writer threads and batch size of the
 * group commit that runs every write to a user's game state. The defaults depend on the store,
 * because SQLite commits one transaction at a time and PostgreSQL many.
 *
 * @param poolSize connections in the store's pool; each writer keeps one for its life, the rest serve
 *     reads, webhook deliveries and background work
 * @param writers writer threads of the group commit; a user's writes always go to the same one
 * @param writeBatch the most writes one transaction of a writer holds
 */
public record StoreTuning(int poolSize, int writers, int writeBatch) {

    public static final String POOL_SIZE = "LUDUS_DB_POOL_SIZE";
    public static final String WRITERS = "LUDUS_WRITERS";
    public static final String WRITE_BATCH = "LUDUS_WRITE_BATCH";

    /** The pool of an SQLite store unless {@link #POOL_SIZE} says otherwise. */
    public static final int SQLITE_POOL_SIZE = dev.ludus.store.Database.SQLITE_POOL_SIZE;
    /** The pool of a PostgreSQL store unless {@link #POOL_SIZE} says otherwise. */
    public static final int POSTGRESQL_POOL_SIZE = dev.ludus.store.Database.POSTGRESQL_POOL_SIZE;
    /** The writers on PostgreSQL unless {@link #WRITERS} says otherwise; SQLite has one. */
    public static final int POSTGRESQL_WRITERS = 4;
    /** The most writes of one transaction unless {@link #WRITE_BATCH} says otherwise. */
    public static final int DEFAULT_WRITE_BATCH = 256;

    private static final int MAX_WRITERS = 64;
    private static final int MAX_WRITE_BATCH = 10_000;
    private static final int MAX_POOL_SIZE = 1_000;

    public StoreTuning {
        requireWithin(WRITERS, writers, 1, MAX_WRITERS);
        requireWithin(WRITE_BATCH, writeBatch, 1, MAX_WRITE_BATCH);
        requireWithin(POOL_SIZE, poolSize, 2, MAX_POOL_SIZE);
        if (poolSize <= writers) {
            throw new ConfigException(POOL_SIZE, "must be more than " + WRITERS + " (" + writers + "): each writer "
                    + "keeps a connection, and reads need the others; was " + poolSize);
        }
    }

    /** The tuning of an SQLite store ({@code postgresql} false) or a PostgreSQL one, untouched by variables. */
    public static StoreTuning defaults(boolean postgresql) {
        return from(Map.of(), postgresql);
    }

    /** Reads the tuning from its variables, with the defaults of the store. */
    static StoreTuning from(Map<String, String> variables, boolean postgresql) {
        return new StoreTuning(
                whole(variables, POOL_SIZE, postgresql ? POSTGRESQL_POOL_SIZE : SQLITE_POOL_SIZE, 2, MAX_POOL_SIZE),
                whole(variables, WRITERS, postgresql ? POSTGRESQL_WRITERS : 1, 1, MAX_WRITERS),
                whole(variables, WRITE_BATCH, DEFAULT_WRITE_BATCH, 1, MAX_WRITE_BATCH));
    }

    /** Each writer's share of the write queue ({@code LUDUS_WRITE_QUEUE} is for all writers): at least 1. */
    public int queuePerWriter(int writeQueue) {
        return Math.max(1, writeQueue / writers);
    }

    private static int whole(Map<String, String> variables, String variable, int otherwise, int min, int max) {
        long value = LudusConfig.value(variables, variable).map(raw -> LudusConfig.parseWhole(variable, raw))
                .orElse((long) otherwise);
        requireWithin(variable, value, min, max);
        return (int) value;
    }

    private static void requireWithin(String variable, long value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException(variable, "must be a whole number from " + min + " to " + max + ", was " + value);
        }
    }
}
