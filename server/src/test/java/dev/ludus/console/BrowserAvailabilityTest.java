package dev.ludus.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Chromium the browser tests use, and what they do without one: skipped on a workstation, failed
 * in CI, not run twice. Needs no browser: fake executables stand in for it.
 */
class BrowserAvailabilityTest {

    @TempDir
    Path directory;

    @Test
    void usesTheExecutablesTheVariablesName() throws IOException {
        Path chromium = executable("my-chromium");
        Path chromedriver = executable("my-chromedriver");

        BrowserTests.Verdict verdict = BrowserTests.verdict(Map.of("LUDUS_TEST_CHROMIUM", chromium.toString(),
                "LUDUS_TEST_CHROMEDRIVER", chromedriver.toString(), "PATH", ""), false);

        assertThat(verdict).isEqualTo(new BrowserTests.Verdict.Run(new ChromiumInstall(chromium, chromedriver)));
    }

    @Test
    void findsThemOnThePath() throws IOException {
        Path chromium = executable("chromium");
        Path chromedriver = executable("chromedriver");
        Map<String, String> environment = Map.of("PATH", "/nowhere:" + directory);

        ChromiumInstall install = ((BrowserTests.Verdict.Run) BrowserTests.verdict(environment, false)).install();

        // Debian's /usr/bin comes first when it has them; else the PATH's
        assertThat(install.chromium()).isIn(Path.of("/usr/bin/chromium"), chromium);
        assertThat(install.chromedriver()).isIn(Path.of("/usr/bin/chromedriver"), chromedriver);
    }

    @Test
    void skipsWithAClearMessageWhenTheBrowserIsMissing() throws IOException {
        Map<String, String> environment = Map.of("LUDUS_TEST_CHROMIUM", "/nonexistent",
                "LUDUS_TEST_CHROMEDRIVER", executable("chromedriver").toString());

        BrowserTests.Verdict verdict = BrowserTests.verdict(environment, false);

        assertThat(verdict).isInstanceOf(BrowserTests.Verdict.Skip.class);
        assertThat(((BrowserTests.Verdict.Skip) verdict).reason())
                .startsWith("browser tests skipped: no chromium/chromedriver")
                .contains("LUDUS_TEST_CHROMIUM=/nonexistent is not an executable file")
                .contains("install Debian's chromium and chromium-driver");
    }

    @Test
    void refusesAFileThatCannotBeExecuted() throws IOException {
        Path notExecutable = Files.writeString(directory.resolve("chromium"), "");

        BrowserTests.Verdict verdict = BrowserTests.verdict(Map.of("LUDUS_TEST_CHROMIUM", notExecutable.toString(),
                "LUDUS_TEST_CHROMEDRIVER", executable("chromedriver").toString()), false);

        assertThat(verdict).isInstanceOf(BrowserTests.Verdict.Skip.class);
    }

    @Test
    void failsInCiWhenTheBrowserIsMissing() {
        Map<String, String> environment = Map.of("CI", "true", "LUDUS_TEST_CHROMIUM", "/nonexistent",
                "LUDUS_TEST_CHROMEDRIVER", "/nonexistent-driver");

        BrowserTests.Verdict verdict = BrowserTests.verdict(environment, false);

        assertThat(verdict).isInstanceOf(BrowserTests.Verdict.Fail.class);
        assertThat(((BrowserTests.Verdict.Fail) verdict).reason())
                .contains("CI=true", "LUDUS_TEST_CHROMIUM=/nonexistent", "LUDUS_TEST_CHROMEDRIVER=/nonexistent-driver");
    }

    @Test
    void runsOnlyInTheSqliteRunOfTheSuite() throws IOException {
        Map<String, String> environment = Map.of("CI", "true", "LUDUS_TEST_CHROMIUM", executable("chromium").toString(),
                "LUDUS_TEST_CHROMEDRIVER", executable("chromedriver").toString());

        assertThat(BrowserTests.verdict(environment, false)).isInstanceOf(BrowserTests.Verdict.Run.class);
        assertThat(BrowserTests.verdict(environment, true)).isEqualTo(
                new BrowserTests.Verdict.Skip("browser tests run once, in the SQLite run of the suite"));
    }

    private Path executable(String name) throws IOException {
        Path file = Files.writeString(directory.resolve(name), "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }
}
