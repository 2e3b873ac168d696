package dev.ludus.accounts;

import dev.ludus.http.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes in PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}, base64 without padding), computed by
 * BouncyCastle. New hashes use OWASP's minimum parameters and a 16-byte random salt; a stored hash
 * is verified with the parameters it names, so that raising them later leaves old hashes valid.
 *
 * <p>Each hash takes {@value #MEMORY_KIB} KiB and tens of milliseconds of CPU, so at most
 * {@link #concurrency()} run at once (a semaphore guards them); a caller that waits longer than
 * {@link #WAIT_SECONDS} s gets 503 {@code overloaded} rather than the server running out of memory
 * under a flood of sign-ins. Thread-safe otherwise: nothing else is mutable.
 */
final class Passwords {

    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    static final int SALT_BYTES = 16;
    static final int HASH_BYTES = 32;
    static final long WAIT_SECONDS = 10;

    /** The parameters of stored hashes that verification accepts; beyond them a hash reads as malformed. */
    private static final int MAX_MEMORY_KIB = 1 << 20;
    private static final int MAX_ITERATIONS = 16;
    private static final int MAX_PARALLELISM = 16;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,2}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final Semaphore running;
    /** The Argon2id work done so far: every derivation's memory (KiB) times its passes, added up. */
    private final java.util.concurrent.atomic.AtomicLong work = new java.util.concurrent.atomic.AtomicLong();
    /**
     * A hash of a random password, verified instead when there is no account, so that both take as
     * long. It is made on a thread of its own (0.1 s of Argon2id the server's start need not wait
     * for), and its work is not counted in {@link #work()}: it is no answer's.
     */
    private final java.util.concurrent.CompletableFuture<String> dummy;

    Passwords() {
        running = new Semaphore(concurrency(), true);
        byte[] unguessable = new byte[32];
        random.nextBytes(unguessable);
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        String password = ENCODER.encodeToString(unguessable);
        dummy = java.util.concurrent.CompletableFuture.supplyAsync(() -> phc(salt,
                derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, false)),
                task -> Thread.ofVirtual().name("ludus-password-decoy").start(task));
    }

    /** How many hashes may run at once: one per processor, at least two. */
    static int concurrency() {
        return Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The Argon2id work done by this instance so far, in KiB of memory times passes: equal work for
     * two answers means they took as long, whatever else the machine is doing.
     */
    long work() {
        return work.get();
    }

    /** A new PHC string for {@code password}, with a fresh random salt. */
    String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, salt);
    }

    /** The PHC string of {@code password} with {@code salt} and the current parameters. */
    String hash(String password, byte[] salt) {
        return phc(salt, derive(password, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, true));
    }

    private static String phc(byte[] salt, byte[] hash) {
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$"
                + ENCODER.encodeToString(salt) + "$" + ENCODER.encodeToString(hash);
    }

    /**
     * Whether {@code password} is the one {@code phc} was made from, compared in constant time. A
     * malformed {@code phc} verifies nothing (after the same work against the dummy hash).
     */
    boolean verify(String password, String phc) {
        Optional<Parsed> parsed = parse(phc);
        if (parsed.isEmpty()) {
            verifyNothing(password);
            return false;
        }
        Parsed stored = parsed.get();
        byte[] computed = derive(password, stored.salt(), stored.memoryKib(), stored.iterations(), stored.parallelism(),
                stored.hash().length, true);
        return MessageDigest.isEqual(computed, stored.hash());
    }

    /** The work of a verification, against a hash no password matches: for an account that does not exist. */
    void verifyNothing(String password) {
        verify(password, dummy.join());
    }

    private record Parsed(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) { }

    private static Optional<Parsed> parse(String phc) {
        Matcher matcher = PHC.matcher(phc == null ? "" : phc);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int memory = Integer.parseInt(matcher.group(1));
        int iterations = Integer.parseInt(matcher.group(2));
        int parallelism = Integer.parseInt(matcher.group(3));
        if (parallelism < 1 || parallelism > MAX_PARALLELISM || iterations < 1 || iterations > MAX_ITERATIONS
                || memory < 8 * parallelism || memory > MAX_MEMORY_KIB) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Parsed(memory, iterations, parallelism, DECODER.decode(matcher.group(4)),
                    DECODER.decode(matcher.group(5))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private byte[] derive(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length,
            boolean counted) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        byte[] out = new byte[length];
        acquire();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
            if (counted) {
                work.addAndGet((long) memoryKib * iterations);
            }
        } finally {
            running.release();
        }
        return out;
    }

    private void acquire() {
        try {
            if (running.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ApiException(503, "overloaded", "Overloaded", "too many sign-ins at once; retry in a moment",
                Map.of(), Map.of("Retry-After", "1"));
    }
}
