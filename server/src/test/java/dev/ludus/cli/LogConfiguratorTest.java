package dev.ludus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** The default logging set-up, made in code: lines on standard error with the request id, noisy libraries at WARN. */
class LogConfiguratorTest {

    @Test
    void writesPatternLinesToStandardErrorWithLibrariesAtWarn() {
        LoggerContext context = new LoggerContext();
        LogConfigurator configurator = new LogConfigurator();
        configurator.setContext(context);

        configurator.configure(context);

        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.INFO);
        ConsoleAppender<ILoggingEvent> stderr = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        assertThat(stderr.getTarget()).isEqualTo("System.err");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("dev.ludus.events.EventRoutes"),
                Level.INFO, "event of {} applied", null, new Object[] {"ada"});
        event.setMDCPropertyMap(Map.of("request_id", "req_42"));
        String line = new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8);
        assertThat(line).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) INFO  "
                + "\\[req_42] dev\\.ludus\\.events\\.EventRoutes - event of ada applied\\R");
        assertThat(line(stderr, context, Map.of("request_id", "req_43", "client", "203.0.113.7")))
                .as("behind a trusted proxy, the client it reports").contains(" INFO  [req_43 203.0.113.7] dev.ludus.");
        assertThat(line(stderr, context, Map.of())).as("outside requests").contains(" INFO  [] dev.ludus.");
        assertThat(context.getLogger("io.helidon.webserver").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("com.zaxxer.hikari.pool").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.flywaydb").getEffectiveLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("dev.ludus").getEffectiveLevel()).isEqualTo(Level.INFO);
    }

    private static String line(ConsoleAppender<ILoggingEvent> stderr, LoggerContext context, Map<String, String> mdc) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), context.getLogger("dev.ludus.events.EventRoutes"),
                Level.INFO, "event applied", null, new Object[0]);
        event.setMDCPropertyMap(mdc);
        return new String(stderr.getEncoder().encode(event), StandardCharsets.UTF_8);
    }
}
