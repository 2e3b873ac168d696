package dev.ludus.leaderboard;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A {@link Ranking} in Redis, so that every Ludus node sees the same order. Three keys under the
 * prefix the caller gives (such as {@code ludus:lb:<app>:<board>:<period>}):
 *
 * <ul>
 *   <li>{@code <prefix>:order}, a sorted set whose ascending order is the ranking's order: the score
 *       is the user's score negated (so the highest comes first), and the member is 8 bytes of
 *       {@code reachedAt} (big-endian, sign bit flipped, so that bytes compare as the numbers do)
 *       followed by the user id in UTF-8. Redis orders equal scores by member bytes, hence earlier
 *       {@code reachedAt} first, then user id by code point. Positions come from {@code ZRANK};
 *       a rank with ties is one more than {@code ZCOUNT <order> -inf (<score>}.</li>
 *   <li>{@code <prefix>:users}, a hash from user id to {@code <version high 32 bits>,<version low 32
 *       bits>,<member>}: the held version, for the guard, and the member, to move or remove the user.</li>
 *   <li>{@code <prefix>:loaded}, present once {@link #markLoaded} ran.</li>
 * </ul>
 *
 * <p>Each change and each read of a place or a page is one {@code EVALSHA} of {@code ranking.lua},
 * which applies the version guard inside Redis, so concurrent writers on any number of nodes end with
 * the newest version. {@link #putAll} pipelines the same script in chunks of {@value #CHUNK}.
 *
 * <p>Scores: Redis keeps scores as doubles, exact for whole numbers up to 2<sup>53</sup> in
 * magnitude; {@link #put} and {@link #putAll} refuse scores beyond that with an
 * {@link IllegalArgumentException} rather than rank them wrongly. Versions and {@code reachedAt}
 * take any {@code long}. User ids travel as UTF-8, so they must be well-formed UTF-16: {@link #put}
 * refuses an id with a lone surrogate (which UTF-8 cannot carry), and nobody with such an id is ranked.
 *
 * <p>Every failure of Redis (down, unreachable, refusing writes) is thrown as a
 * {@link RankingUnavailableException}.
 *
 * <p>Thread-safe: it holds no state of its own besides the key names; the shared client pools its
 * connections. The three keys are not hash-tagged, so this works on one Redis (or a replicated one),
 * not on Redis Cluster.
 */
public final class RedisRanking implements Ranking {

    /** The largest score magnitude a Redis score holds exactly: 2^53. */
    public static final long MAX_SCORE = 1L << 53;

    private static final int CHUNK = 1_000;
    private static final int REACHED_AT_BYTES = Long.BYTES;
    private static final byte[] PUT = bytes("put");
    private static final byte[] REMOVE = bytes("remove");
    private static final byte[] PLACE = bytes("place");
    private static final byte[] RANGE = bytes("range");

    private final UnifiedJedis redis;
    private final RedisScript script;
    private final byte[] orderKey;
    private final byte[] loadedKey;
    private final List<byte[]> keys;

    /** The ranking under {@code keyPrefix}, through a client and a script that rankings share. */
    RedisRanking(UnifiedJedis redis, RedisScript script, String keyPrefix) {
        this.redis = redis;
        this.script = script;
        this.orderKey = bytes(keyPrefix + ":order");
        this.loadedKey = bytes(keyPrefix + ":loaded");
        this.keys = List.of(orderKey, bytes(keyPrefix + ":users"));
    }

    /** @throws IllegalArgumentException when the score's magnitude exceeds {@link #MAX_SCORE} */
    @Override
    public void put(Standing standing) {
        List<byte[]> arguments = putArguments(standing);
        call(() -> script.run(keys, arguments));
    }

    /** @throws IllegalArgumentException when a score's magnitude exceeds {@link #MAX_SCORE}; nothing is written then */
    @Override
    public void putAll(Collection<Standing> standings) {
        List<List<byte[]>> arguments = standings.stream().map(RedisRanking::putArguments).toList();
        if (arguments.isEmpty()) {
            return;
        }
        call(() -> {
            byte[] sha = script.loadedSha();
            for (int from = 0; from < arguments.size(); from += CHUNK) {
                List<Response<Object>> replies = new ArrayList<>(CHUNK);
                try (AbstractPipeline pipeline = redis.pipelined()) {
                    for (List<byte[]> args : arguments.subList(from, Math.min(arguments.size(), from + CHUNK))) {
                        replies.add(pipeline.evalsha(sha, keys, args));
                    }
                    pipeline.sync();
                }
                replies.forEach(Response::get);
            }
            return null;
        });
    }

    @Override
    public void remove(String userId) {
        if (wellFormed(userId)) {
            call(() -> script.run(keys, List.of(REMOVE, bytes(userId))));
        }
    }

    @Override
    public Optional<Placed> place(String userId) {
        if (!wellFormed(userId)) {
            return Optional.empty();
        }
        Object reply = call(() -> script.run(keys, List.of(PLACE, bytes(userId))));
        if (reply == null) {
            return Optional.empty();
        }
        List<?> fields = (List<?>) reply;
        Standing standing = standing((byte[]) fields.get(0), (byte[]) fields.get(1));
        long higher = (Long) fields.get(3);
        return Optional.of(new Placed(standing, higher + 1, (Long) fields.get(2)));
    }

    @Override
    public long size() {
        return call(() -> redis.zcard(orderKey));
    }

    /** One {@code ZCOUNT}: the order holds minus the scores, so a higher score is a lower member score. */
    @Override
    public long countAbove(long score) {
        if (score >= MAX_SCORE) {
            return 0;
        }
        if (score < -MAX_SCORE) {
            return size();
        }
        return call(() -> redis.zcount(orderKey, bytes("-inf"), bytes("(" + (-score))));
    }

    @Override
    public List<Placed> range(long offset, int limit) {
        Page.check(offset, limit);
        if (limit == 0) {
            return List.of();
        }
        long stop = offset > Long.MAX_VALUE - limit ? Long.MAX_VALUE : offset + limit - 1;
        List<?> reply = (List<?>) call(() -> script.run(keys,
                List.of(RANGE, bytes(Long.toString(offset)), bytes(Long.toString(stop)))));
        if (reply.isEmpty()) {
            return List.of();
        }
        long higher = (Long) reply.getFirst();
        Page page = new Page(offset, reply.size() / 3);
        for (int i = 1; i < reply.size(); i += 3) {
            byte[] member = (byte[]) reply.get(i);
            page.add(standing((byte[]) reply.get(i + 2), (byte[]) reply.get(i + 1), member), () -> higher);
        }
        return page.placed();
    }

    /**
     * Compares the index with the store user by user (their versions) and changes only what differs:
     * users missing or older in the index are put, users newer in the index than in the store (a store
     * restored from an older backup) are put again from the store, and users the store no longer holds
     * are removed. The index is read before the store, so a user whose first score is put while this
     * runs is not taken for one the store no longer holds. Nothing is emptied, so several nodes may
     * repair the same index at once, and reads on other nodes keep an order meanwhile.
     */
    @Override
    public long rebuild(java.util.function.Supplier<? extends Collection<Standing>> stored) {
        return call(() -> {
            Map<String, Long> held = heldVersions();
            boolean wasLoaded = redis.exists(loadedKey);
            Collection<Standing> standings = stored.get();
            List<Standing> differing = new ArrayList<>();
            for (Standing standing : standings) {
                Long version = held.remove(standing.userId());
                if (version == null || version != standing.version()) {
                    if (version != null && version > standing.version()) {
                        remove(standing.userId());
                    }
                    differing.add(standing);
                }
            }
            putAll(differing);
            held.keySet().forEach(this::remove);
            if (!wasLoaded) {
                markLoaded();
            }
            return (long) differing.size() + held.size();
        });
    }

    /** Every ranked user's held version, read in pages of {@value #CHUNK} ({@code HSCAN}). */
    private Map<String, Long> heldVersions() {
        Map<String, Long> held = new HashMap<>();
        byte[] cursor = ScanParams.SCAN_POINTER_START_BINARY;
        ScanParams params = new ScanParams().count(CHUNK);
        do {
            ScanResult<Map.Entry<byte[], byte[]>> page = redis.hscan(keys.get(1), cursor, params);
            for (Map.Entry<byte[], byte[]> entry : page.getResult()) {
                byte[] value = entry.getValue();
                int first = indexOf(value, 0);
                int second = indexOf(value, first + 1);
                long high = Long.parseLong(new String(value, 0, first, StandardCharsets.US_ASCII));
                long low = Long.parseLong(new String(value, first + 1, second - first - 1, StandardCharsets.US_ASCII));
                held.put(new String(entry.getKey(), StandardCharsets.UTF_8), (high << 32) | low);
            }
            cursor = page.getCursorAsBytes();
        } while (!Arrays.equals(cursor, ScanParams.SCAN_POINTER_START_BINARY));
        return held;
    }

    @Override
    public boolean loaded() {
        return call(() -> redis.exists(loadedKey));
    }

    @Override
    public void markLoaded() {
        call(() -> redis.set(loadedKey, bytes("1")));
    }

    @Override
    public void clear() {
        call(() -> redis.del(orderKey, keys.get(1), loadedKey));
    }

    /** Runs a call to Redis, turning its failures into {@link RankingUnavailableException}. */
    private <T> T call(Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisException e) {
            throw new RankingUnavailableException("Redis did not answer or refused a change of the leaderboard index "
                    + new String(orderKey, StandardCharsets.UTF_8) + ": " + e.getMessage(), e);
        }
    }

    private static List<byte[]> putArguments(Standing standing) {
        if (!wellFormed(Objects.requireNonNull(standing.userId(), "userId"))) {
            throw new IllegalArgumentException("user id " + standing.userId() + " has a lone surrogate; UTF-8 cannot carry it");
        }
        if (Math.abs(standing.score()) > MAX_SCORE || standing.score() == Long.MIN_VALUE) {
            throw new IllegalArgumentException("score " + standing.score() + " of user " + standing.userId()
                    + " is beyond what a Redis ranking holds exactly (magnitude at most 2^53)");
        }
        long version = standing.version();
        return List.of(PUT, bytes(standing.userId()), bytes(Long.toString(version >> 32)),
                bytes(Long.toString(version & 0xFFFF_FFFFL)), bytes(Long.toString(-standing.score())),
                member(standing.reachedAt(), standing.userId()));
    }

    /** The sorted-set member: the order key of {@code reachedAt}, then the user id. */
    static byte[] member(long reachedAt, String userId) {
        byte[] id = bytes(userId);
        return ByteBuffer.allocate(REACHED_AT_BYTES + id.length).putLong(reachedAt ^ Long.MIN_VALUE).put(id).array();
    }

    /** A standing from a users hash value and an order score. */
    private static Standing standing(byte[] held, byte[] orderScore) {
        return standing(held, orderScore, Arrays.copyOfRange(held, indexOf(held, indexOf(held, 0) + 1) + 1, held.length));
    }

    private static Standing standing(byte[] held, byte[] orderScore, byte[] member) {
        int first = indexOf(held, 0);
        int second = indexOf(held, first + 1);
        long high = Long.parseLong(new String(held, 0, first, StandardCharsets.US_ASCII));
        long low = Long.parseLong(new String(held, first + 1, second - first - 1, StandardCharsets.US_ASCII));
        long score = -(long) Double.parseDouble(new String(orderScore, StandardCharsets.US_ASCII));
        long reachedAt = ByteBuffer.wrap(member).getLong() ^ Long.MIN_VALUE;
        String userId = new String(member, REACHED_AT_BYTES, member.length - REACHED_AT_BYTES, StandardCharsets.UTF_8);
        return new Standing(userId, score, reachedAt, (high << 32) | low);
    }

    /** True when every surrogate of the id is in a pair, so that UTF-8 carries it unchanged. */
    static boolean wellFormed(String userId) {
        for (int i = 0; i < userId.length(); i++) {
            char unit = userId.charAt(i);
            if (Character.isHighSurrogate(unit) && i + 1 < userId.length() && Character.isLowSurrogate(userId.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(unit)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] held, int from) {
        for (int i = from; i < held.length; i++) {
            if (held[i] == ',') {
                return i;
            }
        }
        throw new IllegalStateException("a leaderboard users hash value is malformed");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
