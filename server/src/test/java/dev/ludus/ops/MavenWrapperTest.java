package dev.ludus.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code ./mvnw} finds a JDK 21+ as {@code ./ludus} does, when JAVA_HOME is unset and the PATH has an older java. */
class MavenWrapperTest {

    private static final Pattern JAVA_VERSION = Pattern.compile("(?m)^Java version: (\\d+)");

    @Test
    void wrapperPicksAJdk21WithoutJavaHome() throws IOException, InterruptedException {
        Path wrapper = Path.of("..", "mvnw").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(wrapper), "run from the server module of a checkout");
        String javaHome = Path.of(System.getProperty("java.home")).toRealPath().toString();
        assumeTrue(javaHome.startsWith("/usr/lib/jvm/") || javaHome.startsWith("/opt/java/"),
                "the JDK running the tests is in a folder find_java searches");

        ProcessBuilder builder = new ProcessBuilder(wrapper.toString(), "-v").redirectErrorStream(true);
        builder.environment().remove("JAVA_HOME");
        builder.environment().put("PATH", "/usr/bin:/bin");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(output).isZero();
        Matcher version = JAVA_VERSION.matcher(output);
        assertThat(version.find()).as(output).isTrue();
        assertThat(Integer.parseInt(version.group(1))).as(output).isGreaterThanOrEqualTo(21);
    }
}
