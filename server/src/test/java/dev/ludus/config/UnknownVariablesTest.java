package dev.ludus.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class UnknownVariablesTest {

    private static final Pattern NAME = Pattern.compile("LUDUS_[A-Z0-9_]+");

    @Test
    void misspelledSettingIsReportedWithTheSettingItResembles() {
        assertThat(UnknownVariables.among(List.of("LUDUS_PROT", "LUDUS_WEBHOOKS_TIMEOUT", "LUDUS_WRITE_QEUE")))
                .containsExactly(
                        new UnknownVariables.Unknown("LUDUS_PROT", Optional.of("LUDUS_PORT")),
                        new UnknownVariables.Unknown("LUDUS_WEBHOOKS_TIMEOUT", Optional.of("LUDUS_WEBHOOK_TIMEOUT")),
                        new UnknownVariables.Unknown("LUDUS_WRITE_QEUE", Optional.of("LUDUS_WRITE_QUEUE")));
    }

    @Test
    void lowerCaseSettingIsReportedWithItsUpperCaseName() {
        assertThat(UnknownVariables.among(List.of("ludus_db_url")))
                .containsExactly(new UnknownVariables.Unknown("ludus_db_url", Optional.of("LUDUS_DB_URL")));
    }

    @Test
    void nameFarFromEverySettingIsReportedWithoutASuggestion() {
        assertThat(UnknownVariables.among(List.of("LUDUS_DATABASE", "LUDUS_X")))
                .containsExactly(new UnknownVariables.Unknown("LUDUS_DATABASE", Optional.empty()),
                        new UnknownVariables.Unknown("LUDUS_X", Optional.empty()));
    }

    @Test
    void nameEquallyCloseToTwoSettingsGetsNoSuggestion() {
        // two edits from both LUDUS_EVENT_MAX_AGE and LUDUS_EVENT_MAX_SKEW
        assertThat(UnknownVariables.among(List.of("LUDUS_EVENT_MAX_AEW")))
                .containsExactly(new UnknownVariables.Unknown("LUDUS_EVENT_MAX_AEW", Optional.empty()));
    }

    @Test
    void shortNamesAllowFewerEdits() {
        assertThat(UnknownVariables.among(List.of("LUDUS_PRT", "LUDUS_PRTO")))
                .containsExactly(new UnknownVariables.Unknown("LUDUS_PRT", Optional.of("LUDUS_PORT")),
                        new UnknownVariables.Unknown("LUDUS_PRTO", Optional.empty()));
    }

    @Test
    void settingsTestSettingsAndOtherLudusVariablesAreNotReported() {
        assertThat(UnknownVariables.among(List.of("LUDUS_PORT", "LUDUS_DB_POOL_SIZE", "LUDUS_HTTP_IDLE_TIMEOUT",
                "LUDUS_JAVA_OPTS", "LUDUS_API_SECRET", "LUDUS_TEST_PG_URL", "LUDUS_TEST_ANYTHING", "PATH", "HOME",
                "NOT_LUDUS_PORT"))).isEmpty();
    }

    @Test
    void everyVariableTheConfigurationReadsIsKnownAndEveryKnownSettingIsRead() {
        Set<String> read = new TreeSet<>();
        LudusConfig.from(new HashMap<>() {
            @Override
            public String get(Object key) {
                read.add((String) key);
                return super.get(key);
            }
        });
        assertThat(read).containsExactlyInAnyOrderElementsOf(LudusConfig.VARIABLES);
    }

    @Test
    void everyLudusVariableNamedInTheSourcesAndScriptsIsKnown() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        assertThat(root.resolve("ludus")).as("run from the server module").isRegularFile();
        Set<String> named = new TreeSet<>();
        List<Path> places = List.of(root.resolve("ludus"), root.resolve("scripts"), root.resolve("bench"),
                root.resolve(".ci"), root.resolve("server/src/main"), root.resolve("clients/java/src"));
        for (Path place : places) {
            try (Stream<Path> files = Files.walk(place)) {
                files.filter(Files::isRegularFile).filter(file -> !file.toString().contains("/results/"))
                        .forEach(file -> named.addAll(names(file)));
            }
        }
        assertThat(named).contains("LUDUS_PORT", "LUDUS_JAVA_OPTS", "LUDUS_TEST_PG_URL");
        assertThat(named).filteredOn(name -> !UnknownVariables.known(name))
                .allSatisfy(name -> assertThat(name).startsWith(UnknownVariables.TEST_PREFIX));
    }

    private static Set<String> names(Path file) {
        Set<String> names = new TreeSet<>();
        try {
            Matcher matcher = NAME.matcher(Files.readString(file));
            while (matcher.find()) {
                if (!matcher.group().endsWith("_")) { // a family, such as LUDUS_HTTP_*
                    names.add(matcher.group());
                }
            }
        } catch (java.nio.charset.MalformedInputException e) {
            return names; // not text
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
