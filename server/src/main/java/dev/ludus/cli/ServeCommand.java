package dev.ludus.cli;

import dev.ludus.config.LudusConfig;
import dev.ludus.config.UnknownVariables;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;

/**
 * {@code ludus serve}: validates the configuration, warns about {@code LUDUS_*} variables it does not
 * know (misspelled settings, most likely), starts the server, and runs until stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the Ludus server.")
final class ServeCommand implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Mixin
    ConfigOptions options = new ConfigOptions();

    private final Consumer<LudusConfig> server;

    ServeCommand(Consumer<LudusConfig> server) {
        this.server = server;
    }

    @Override
    public void run() {
        LudusConfig config = options.resolve(System.getenv());
        LogSetup.apply(config.logFormat());
        for (UnknownVariables.Unknown unknown : UnknownVariables.among(System.getenv().keySet())) {
            LOG.warn("{} is not a Ludus setting and is ignored{}", unknown.name(),
                    unknown.suggestion().map(known -> "; did you mean " + known + "?").orElse(""));
        }
        server.accept(config);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
