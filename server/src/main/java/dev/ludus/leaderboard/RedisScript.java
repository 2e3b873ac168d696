package dev.ludus.leaderboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * The Lua script {@code ranking.lua} of {@link RedisRanking}, run by its SHA ({@code EVALSHA}) and
 * loaded again when Redis has lost it (a restart, {@code SCRIPT FLUSH}). Thread-safe: the SHA is
 * the same for every load of the same text, so loads may race.
 */
final class RedisScript {

    private final UnifiedJedis redis;
    private final String source;
    private final byte[] sha;

    /** Loads the script into Redis. */
    RedisScript(UnifiedJedis redis) {
        this.redis = redis;
        this.source = readSource();
        this.sha = load();
    }

    /** Runs the script with these keys and arguments; the reply as Jedis gives it. */
    Object run(List<byte[]> keys, List<byte[]> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            load();
            return redis.evalsha(sha, keys, args);
        }
    }

    /** The SHA to pipeline {@code EVALSHA} with, after making sure Redis holds the script. */
    byte[] loadedSha() {
        load();
        return sha;
    }

    private byte[] load() {
        return redis.scriptLoad(source).getBytes(StandardCharsets.US_ASCII);
    }

    private static String readSource() {
        try (InputStream in = RedisScript.class.getResourceAsStream("ranking.lua")) {
            if (in == null) {
                throw new IllegalStateException("ranking.lua is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
