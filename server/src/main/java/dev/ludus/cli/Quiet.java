package dev.ludus.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Log levels for the commands that open a store themselves: their own lines say what happens. */
final class Quiet {

    private Quiet() {
    }

    /** Only warnings from Flyway, the pool and the store's set-up. */
    static void storeLogs() {
        for (String name : new String[] {"org.flywaydb", "com.zaxxer.hikari", "dev.ludus.store"}) {
            if (LoggerFactory.getLogger(name) instanceof Logger logger) {
                logger.setLevel(Level.WARN);
            }
        }
    }
}
