package dev.ludus.leaderboard;

import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.SetParams;

/**
 * {@link Rankings} in Redis ({@link RedisRanking}), shared by every node that uses the same Redis. One
 * pooled client serves every ranking; the ranking called {@code name} keeps its keys under
 * {@code <key prefix><name>}, {@code ludus:lb:<name>} by default.
 */
public final class RedisRankings implements Rankings {

    /** Where rankings keep their keys unless told otherwise. */
    public static final String DEFAULT_KEY_PREFIX = "ludus:lb:";

    /** The setting that gives the URL (the configuration's {@code LUDUS_REDIS_URL}), named in errors. */
    private static final String VARIABLE = "LUDUS_REDIS_URL";

    private final RedisClient redis;
    private final RedisScript script;
    private final String keyPrefix;
    /** The epoch marker, {@code <prefix>epoch}: see {@link #generation()}. */
    private final String epochKey;
    private final ConcurrentMap<String, RedisRanking> byName = new ConcurrentHashMap<>();

    /** Connects to {@code url} with the default key prefix; see {@link #RedisRankings(String, String)}. */
    public RedisRankings(String url) {
        this(url, DEFAULT_KEY_PREFIX);
    }

    /**
     * Connects to the Redis at {@code url} ({@code redis://[user:password@]host[:port][/database]}, or
     * {@code rediss://} for TLS), checks that it answers {@code PING}, and loads the ranking script.
     *
     * @throws IllegalStateException naming {@code LUDUS_REDIS_URL} when the URL is unusable or Redis
     *     does not answer: leaderboards shared by several nodes do not quietly fall back to memory
     */
    public RedisRankings(String url, String keyPrefix) {
        this.keyPrefix = keyPrefix;
        this.epochKey = keyPrefix + "epoch";
        URI uri = parse(url);
        try {
            this.redis = RedisClient.create(uri);
        } catch (IllegalArgumentException | JedisException e) {
            throw unusable(uri, e);
        }
        try {
            redis.ping();
            this.script = new RedisScript(redis);
        } catch (JedisException e) {
            redis.close();
            throw unusable(uri, e);
        }
    }

    /** Rankings kept in Redis may fail or be slow. */
    @Override
    public boolean remote() {
        return true;
    }

    /**
     * The Redis server's {@code run_id} (new at every start and on the other server after a failover)
     * and the epoch marker {@code <prefix>epoch}: a random value written when absent (after an empty
     * start or a flush). Writing it also proves that Redis accepts writes.
     */
    @Override
    public String generation() {
        try {
            redis.set(epochKey, java.util.UUID.randomUUID().toString(), SetParams.setParams().nx());
            String epoch = redis.get(epochKey);
            String runId = redis.info("server").lines()
                    .filter(line -> line.startsWith("run_id:"))
                    .map(line -> line.substring("run_id:".length()).strip())
                    .findFirst()
                    .orElse("");
            return runId + "/" + epoch;
        } catch (JedisException e) {
            throw new RankingUnavailableException("Redis does not answer or refuses writes: " + e.getMessage(), e);
        }
    }

    @Override
    public Ranking ranking(String name) {
        return byName.computeIfAbsent(name, unused -> new RedisRanking(redis, script, keyPrefix + name));
    }

    /** Deletes the ranking's keys, for every node. */
    @Override
    public void forget(String name) {
        RedisRanking ranking = byName.remove(name);
        (ranking != null ? ranking : new RedisRanking(redis, script, keyPrefix + name)).clear();
    }

    @Override
    public void close() {
        byName.clear();
        redis.close();
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("redis".equals(uri.getScheme()) || "rediss".equals(uri.getScheme()))) {
                throw new IllegalStateException(VARIABLE
                        + " must be a redis:// or rediss:// URL with a host; leaderboards cannot be shared without it");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(VARIABLE + " is not a valid URL; leaderboards cannot be shared without it");
        }
    }

    /** One line naming the variable and the server, never the password. */
    private static IllegalStateException unusable(URI uri, Exception cause) {
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        return new IllegalStateException(VARIABLE + ": Redis at " + uri.getHost() + ":" + port
                + " does not answer (" + cause.getMessage() + "); leaderboards shared by several nodes need it, so"
                + " Ludus does not start without it (unset " + VARIABLE + " to keep leaderboards in memory)",
                cause);
    }
}
