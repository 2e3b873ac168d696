package dev.ludus.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Logback's default set-up, in code instead of a {@code logback.xml}: lines on standard error with
 * the request id and the client's address, Helidon, HikariCP and Flyway at WARN. Parsing the XML cost about a quarter of a
 * second of every start. Found by Logback through {@code META-INF/services}; a
 * {@code -Dlogback.configurationFile} still wins. {@link LogSetup} switches to JSON lines.
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    /** The request id and, after a space, the client's address ({@code client}) in brackets; empty brackets outside requests. */
    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%X{request_id:-}%replace( %X{client:-}){'^ $', ''}]"
            + " %logger{36} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(stderr);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
        for (String quiet : new String[] {"io.helidon", "com.zaxxer.hikari", "org.flywaydb"}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
