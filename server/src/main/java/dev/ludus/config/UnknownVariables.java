package dev.ludus.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the {@code LUDUS_*} environment variables that no part of Ludus reads: most likely misspelled
 * settings, which would otherwise be ignored without a word. Only names are looked at, never values
 * (a value may be a secret). The server warns about them and starts anyway (ADR 0021).
 */
public final class UnknownVariables {

    /** Names of test settings, read by the test suite only. */
    public static final String TEST_PREFIX = "LUDUS_TEST_";

    /**
     * Variables read by Ludus, but not by the server: the launcher ({@code ./ludus}, {@code scripts/}),
     * the other commands, the test suite, and the names the documentation and {@code ludus init} give
     * the client side (an application's backend, the SDK example), which are often set in the same shell.
     */
    public static final Set<String> ELSEWHERE = Set.of(
            "LUDUS_JAVA_OPTS", "LUDUS_CDS",
            "LUDUS_API_SECRET", "LUDUS_TOKEN", "LUDUS_TENANT_ID", "LUDUS_APPLICATION_ID",
            "LUDUS_FUZZ_SEED", "LUDUS_FUZZ_ROUNDS",
            "LUDUS_URL", "LUDUS_CLIENT_ID", "LUDUS_CLIENT_SECRET", "LUDUS_TENANT", "LUDUS_APP",
            "LUDUS_WEBHOOK_SECRET", "LUDUS_ECDSA_KEY");

    private static final String PREFIX = "LUDUS_";

    /**
     * A variable nobody reads.
     *
     * @param name the variable as it is set
     * @param suggestion the known variable it is closest to, when exactly one is close
     */
    public record Unknown(String name, Optional<String> suggestion) { }

    private UnknownVariables() {
    }

    /**
     * The names among {@code names} (an environment's) that look like Ludus variables (they start
     * with {@code LUDUS_} in any case) but are neither a setting of the server, nor read elsewhere,
     * nor a test setting; sorted by name.
     */
    public static List<Unknown> among(Collection<String> names) {
        List<Unknown> unknown = new ArrayList<>();
        for (String name : names.stream().sorted().toList()) {
            String upper = name.toUpperCase(Locale.ROOT);
            if (upper.startsWith(PREFIX) && !upper.startsWith(TEST_PREFIX) && !known(name)) {
                unknown.add(new Unknown(name, closest(upper)));
            }
        }
        return unknown;
    }

    /** Whether {@code name} is a setting of the server or a variable read elsewhere in Ludus. */
    public static boolean known(String name) {
        return LudusConfig.VARIABLES.contains(name) || ELSEWHERE.contains(name);
    }

    /**
     * The known variable closest to {@code name}, when it is close (a typo or two: one edit in a
     * name of up to 4 characters after {@code LUDUS_}, two up to 8, three beyond) and no other is as
     * close.
     */
    static Optional<String> closest(String name) {
        int length = name.length() - PREFIX.length();
        int allowed = length <= 4 ? 1 : length <= 8 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String candidate : Stream.concat(LudusConfig.VARIABLES.stream(), ELSEWHERE.stream()).toList()) {
            int distance = distance(name, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
                tie = false;
            } else if (distance == bestDistance) {
                tie = true;
            }
        }
        return bestDistance <= allowed && !tie ? Optional.of(best) : Optional.empty();
    }

    /**
     * The edit distance of two names: insertions, deletions, substitutions and swaps of two
     * neighbouring characters each count one (optimal string alignment).
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
