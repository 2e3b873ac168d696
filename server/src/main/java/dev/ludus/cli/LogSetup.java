package dev.ludus.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import dev.ludus.config.LudusConfig;
import java.io.InputStream;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Routes java.util.logging (Helidon's) into SLF4J, and switches Logback to JSON lines
 * ({@code logback-json.xml}) when {@code LUDUS_LOG_FORMAT=json}.
 */
final class LogSetup {

    private LogSetup() {
    }

    static void apply(LudusConfig.LogFormat format) {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        if (format != LudusConfig.LogFormat.JSON) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        try (InputStream in = LogSetup.class.getResourceAsStream("/logback-json.xml")) {
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            context.reset();
            configurator.doConfigure(in);
        } catch (JoranException | java.io.IOException e) {
            throw new IllegalStateException("cannot switch logging to JSON", e);
        }
    }
}
