package dev.ludus.bench;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.ludus.auth.AppCredentials;
import dev.ludus.auth.ApplicationLimits;
import dev.ludus.auth.ApplicationTokenVerifier;
import dev.ludus.auth.Principal;
import dev.ludus.auth.RevocationCache;
import dev.ludus.auth.Scope;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Application token verification ({@link ApplicationTokenVerifier#verify}, every check of the
 * design's validation table on a valid token) against its floor: one HMAC-SHA256 over the same
 * signing input ({@code header.payload}) with the same key, on a {@link Mac} made once. The ratio
 * {@code hmacFloor / verify} says how many HMACs one verification costs.
 *
 * <p>This is the full verification, what a token costs the first time a node sees it; the server's
 * {@code BearerVerifier} then remembers the verdict while nothing it rests on changes (ADR 0007).
 *
 * <p>Two more benchmarks split the verification: {@link #parse} (nimbus's base64url and JSON
 * decoding of header and payload, without Ludus's compact-JWS shape check) and {@link #macVerifier}
 * (nimbus's HS256 check of an already parsed token, which makes a new {@link Mac} per call).
 *
 * <p>{@link #main} runs the benchmarks of this class (JMH's command-line options are accepted) and
 * prints the ratio.
 */
@State(org.openjdk.jmh.annotations.Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class TokenVerificationBenchmark {

    private static final String TENANT_ID = "ten_3k7q9w2mx8hz4c6v1bnp";
    private static final String APPLICATION_ID = "app_5t8r2y6u4j9kd3f7gh1s";
    private static final String CLIENT_ID = "cid_8m2n6b4v9c3x7z5a1s0d";
    /** Long enough for any run, within the application's default maximum lifetime. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(12);

    private ApplicationTokenVerifier verifier;
    private String token;
    private byte[] secretBytes;
    private byte[] signingInput;
    private JWSObject parsedToken;
    private AppCredentials.SecretKey secretKey;

    /** A {@link Mac} per benchmark thread: a {@code Mac} is not thread-safe. */
    @State(org.openjdk.jmh.annotations.Scope.Thread)
    public static class ThreadMac {

        Mac mac;

        @Setup(Level.Trial)
        public void setUp(TokenVerificationBenchmark benchmark) throws GeneralSecurityException {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(benchmark.secretBytes, "HmacSHA256"));
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, JOSEException, ParseException {
        String secret = apiSecret();
        secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        secretKey = AppCredentials.SecretKey.of(secret, Optional.empty());
        AppCredentials app = new AppCredentials(APPLICATION_ID, TENANT_ID, CLIENT_ID, List.of(secretKey),
                Set.of(Scope.READ, Scope.WRITE), ApplicationLimits.DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, false, java.util.Map.of(),
                Set.of());
        Clock clock = Clock.systemUTC();
        verifier = new ApplicationTokenVerifier(
                applicationId -> APPLICATION_ID.equals(applicationId) ? Optional.of(app) : Optional.empty(),
                new RevocationCache(clock), clock);
        token = mint(secret, clock.instant());
        signingInput = token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
        parsedToken = JWSObject.parse(token);
        checkTheBaselineSignsWhatTheVerifierChecks();
    }

    /** The whole verification of a valid token: every row of the validation table but the scope. */
    @Benchmark
    public Principal verify() {
        return verifier.verify(token);
    }

    /** The floor: HMAC-SHA256 of {@code header.payload} with the same key, on a reused {@link Mac}. */
    @Benchmark
    public byte[] hmacFloor(ThreadMac threadMac) {
        return threadMac.mac.doFinal(signingInput);
    }

    /** Parsing alone, as nimbus does it for {@code verify}: header and payload, base64url and JSON. */
    @Benchmark
    public Map<String, Object> parse() throws ParseException {
        return JWSObject.parse(token).getPayload().toJSONObject();
    }

    /** The signature check alone, on a parsed token, through the secret's nimbus {@code MACVerifier}. */
    @Benchmark
    public boolean macVerifier() throws JOSEException {
        return secretKey.verifier().verify(parsedToken.getHeader(), parsedToken.getSigningInput(),
                parsedToken.getSignature());
    }

    private void checkTheBaselineSignsWhatTheVerifierChecks() throws GeneralSecurityException {
        Principal principal = verifier.verify(token);
        if (!principal.applicationId().equals(APPLICATION_ID)) {
            throw new IllegalStateException("the benchmark token did not verify as " + APPLICATION_ID);
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secretBytes, "HmacSHA256"));
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1));
        if (!MessageDigest.isEqual(mac.doFinal(signingInput), signature)) {
            throw new IllegalStateException("the HMAC floor does not compute the token's signature");
        }
    }

    /** An API secret as Ludus issues one: {@code sk_} and 256 random bits in base64url (43 characters). */
    private static String apiSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "sk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A token as {@code ludus token} mints it: typ JWT, HS256, sub, iss, aud, iat, exp and jti. */
    private static String mint(String secret, Instant now) throws JOSEException {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject("bench_user")
                .issuer(TENANT_ID)
                .audience(APPLICATION_ID)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(TOKEN_LIFETIME)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(ApplicationTokenVerifier.ALGORITHM)
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        return jwt.serialize();
    }

    /**
     * Runs this class's benchmarks (or those named by JMH's own {@code args}), then prints each
     * benchmark's throughput as a fraction of the HMAC floor.
     */
    public static void main(String[] args) throws RunnerException {
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing command line: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (options.shouldHelp() || options.shouldList() || options.shouldListWithParams()
                || options.shouldListProfilers() || options.shouldListResultFormats()) {
            try {
                org.openjdk.jmh.Main.main(args);
            } catch (Exception e) {
                throw new RunnerException("JMH failed", e);
            }
            return;
        }
        OptionsBuilder builder = new OptionsBuilder();
        builder.parent(options);
        if (options.getIncludes().isEmpty()) {
            builder.include(TokenVerificationBenchmark.class.getName() + "\\.");
        }
        printRatios(new Runner(builder.build()).run());
    }

    private static void printRatios(Collection<RunResult> results) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            scores.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getScore());
        }
        Double floor = scores.get("hmacFloor");
        if (floor == null || !scores.containsKey("verify")) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Throughput against the HMAC-SHA256 floor (same signing input, same key):");
        scores.forEach((name, score) -> lines.add(String.format(Locale.ROOT, "  %-12s %,14.0f ops/s  %6.3f of the floor",
                name, score, score / floor)));
        lines.add(String.format(Locale.ROOT, "  verify / hmacFloor = %.3f (one verification costs %.1f HMACs)",
                scores.get("verify") / floor, floor / scores.get("verify")));
        lines.forEach(System.out::println);
    }
}
