package dev.ludus.console;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Chromium and its ChromeDriver are: {@code LUDUS_TEST_CHROMIUM} and {@code LUDUS_TEST_CHROMEDRIVER} when
 * set, else Debian's {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}, else the first
 * executable of that name on {@code PATH}. Both paths are given to Selenium, so that Selenium Manager
 * never looks for (or downloads) a browser or a driver of its own.
 */
record ChromiumInstall(Path chromium, Path chromedriver) {

    static final String CHROMIUM_VARIABLE = "LUDUS_TEST_CHROMIUM";
    static final String CHROMEDRIVER_VARIABLE = "LUDUS_TEST_CHROMEDRIVER";
    static final String INSTALL_HINT = "install Debian's chromium and chromium-driver"
            + " (apt-get install chromium chromium-driver), or name them with "
            + CHROMIUM_VARIABLE + " and " + CHROMEDRIVER_VARIABLE;

    /** No usable Chromium or ChromeDriver; the message says which and where it looked. */
    static final class NotInstalled extends Exception {
        NotInstalled(String message) {
            super(message);
        }
    }

    /** Looks both up in {@code env} (the process environment, or a test's own map). */
    static ChromiumInstall find(Map<String, String> env) throws NotInstalled {
        List<String> missing = new ArrayList<>();
        Optional<Path> chromium = locate(env, CHROMIUM_VARIABLE, List.of("chromium", "chromium-browser"), missing);
        Optional<Path> chromedriver = locate(env, CHROMEDRIVER_VARIABLE, List.of("chromedriver"), missing);
        if (chromium.isEmpty() || chromedriver.isEmpty()) {
            throw new NotInstalled(String.join("; ", missing));
        }
        return new ChromiumInstall(chromium.get(), chromedriver.get());
    }

    private static Optional<Path> locate(Map<String, String> env, String variable, List<String> names,
            List<String> missing) {
        String named = env.get(variable);
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named);
            if (executable(path)) {
                return Optional.of(path);
            }
            missing.add(variable + "=" + named + " is not an executable file");
            return Optional.empty();
        }
        List<Path> candidates = new ArrayList<>();
        names.forEach(name -> candidates.add(Path.of("/usr/bin", name)));
        String searchPath = env.getOrDefault("PATH", "");
        for (String directory : searchPath.split(File.pathSeparator)) {
            if (!directory.isBlank()) {
                names.forEach(name -> candidates.add(Path.of(directory, name)));
            }
        }
        Optional<Path> found = candidates.stream().filter(ChromiumInstall::executable).findFirst();
        if (found.isEmpty()) {
            missing.add("no " + names.getFirst() + " in /usr/bin or on PATH");
        }
        return found;
    }

    private static boolean executable(Path path) {
        return Files.isRegularFile(path) && Files.isExecutable(path);
    }
}
