package dev.ludus.console;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the browser tests write: found from the working directory (Surefire runs in {@code server/}). */
final class Places {

    /** {@code -Dludus.screenshots=docs}: {@link Browser#screenshot(String)} writes into {@code docs/console/}. */
    static final String SCREENSHOTS_PROPERTY = "ludus.screenshots";

    private Places() {
    }

    /** The checkout: the nearest directory at or above the working directory with {@code mvnw} and {@code docs/}. */
    static Path repositoryRoot() {
        Path start = Path.of("").toAbsolutePath();
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            if (Files.isRegularFile(directory.resolve("mvnw")) && Files.isDirectory(directory.resolve("docs"))) {
                return directory;
            }
        }
        throw new IllegalStateException("no Ludus checkout (a directory with mvnw and docs/) at or above " + start);
    }

    /** Where a failed browser test leaves its screenshot, page source and console log. */
    static Path failures() {
        return repositoryRoot().resolve("server/target/browser-failures");
    }
}
