package dev.ludus.cli;

import dev.ludus.config.LudusConfig;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ludus serve}: validates the configuration, starts the server, and runs until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Start the Ludus server.")
final class ServeCommand implements Runnable {

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
        server.accept(config);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
