package dev.ludus.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The rules package knows no kind: it depends only on the engine and HTTP, and no package depends on
 * itself through rules, its standard kinds or the leaderboards. Read from the main sources (every
 * {@code dev.ludus...} name a file uses, imported or written out), each package on its own.
 */
class RulesDependenciesTest {

    private static final Path SOURCES = Path.of("src/main/java");
    private static final Pattern REFERENCE = Pattern.compile("\\b(dev\\.ludus(?:\\.[a-z][a-z0-9_]*)*)\\.[A-Z]");

    @Test
    void rulesDependsOnlyOnTheEngineAndHttp() {
        assertThat(dependencies().get("dev.ludus.rules")).containsOnly("dev.ludus.engine", "dev.ludus.http");
    }

    @Test
    void noPackageReachesItselfThroughRulesOrItsKinds() {
        Map<String, Set<String>> graph = dependencies();
        for (String start : List.of("dev.ludus.rules", "dev.ludus.rules.kinds", "dev.ludus.leaderboard")) {
            assertThat(reachable(graph, start)).as("packages that %s depends on, directly or not", start)
                    .doesNotContain(start);
        }
    }

    private static Set<String> reachable(Map<String, Set<String>> graph, String start) {
        Set<String> seen = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(graph.getOrDefault(start, Set.of()));
        while (!pending.isEmpty()) {
            String next = pending.pop();
            if (seen.add(next)) {
                pending.addAll(graph.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    /** Each package and the other {@code dev.ludus} packages its files name. */
    private static Map<String, Set<String>> dependencies() {
        assertThat(SOURCES.resolve("dev/ludus/rules")).as("the main sources, from the module directory").isDirectory();
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String pkg = SOURCES.relativize(file.getParent()).toString().replace(file.getFileSystem().getSeparator(), ".");
                Set<String> uses = graph.computeIfAbsent(pkg, key -> new TreeSet<>());
                Matcher matcher = REFERENCE.matcher(Files.readString(file));
                while (matcher.find()) {
                    if (!matcher.group(1).equals(pkg)) {
                        uses.add(matcher.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }
}
