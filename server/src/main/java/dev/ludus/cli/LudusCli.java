package dev.ludus.cli;

import dev.ludus.config.ConfigException;
import dev.ludus.config.LudusConfig;
import java.io.PrintWriter;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ludus} command line: {@code serve}, {@code init}, {@code token}, {@code apply},
 * {@code migrate-store}, {@code backup}. Configuration errors
 * print one line naming the variable and exit with status 2.
 */
@Command(name = "ludus", mixinStandardHelpOptions = true, versionProvider = LudusCli.Version.class,
        description = "Ludus, a self-hosted gamification API server.",
        subcommands = {ServeCommand.class, InitCommand.class, TokenCommand.class, ApplyCommand.class, ExportCommand.class,
                MigrateStoreCommand.class, BackupCommand.class})
public final class LudusCli implements Runnable {

    /** Exit status for unusable configuration. */
    public static final int CONFIG_ERROR = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line; {@code server} starts the server for {@code serve} and blocks. */
    public static int run(String[] args, Consumer<LudusConfig> server) {
        CommandLine commandLine = new CommandLine(new LudusCli(), new Factory(server));
        commandLine.setExecutionExceptionHandler((e, cl, parseResult) -> {
            PrintWriter err = cl.getErr();
            if (e instanceof ConfigException config) {
                err.println("ludus: " + config.getMessage());
                return CONFIG_ERROR;
            }
            if (e instanceof CliException cli) {
                err.println("ludus: " + cli.getMessage());
                return 1;
            }
            err.println("ludus: " + cl.getCommandName() + " failed: " + rootMessage(e));
            return 1;
        });
        return commandLine.execute(args);
    }

    /** The innermost cause's message: the one that says what is wrong (a path, a host, a setting). */
    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return cause == e || e.getMessage() == null ? message : e.getMessage() + ": " + message;
    }

    /** Creates subcommands, handing {@code serve} the function that starts the server. */
    private record Factory(Consumer<LudusConfig> server) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == ServeCommand.class) {
                return type.cast(new ServeCommand(server));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = LudusCli.class.getPackage().getImplementationVersion();
            return new String[] {"ludus " + (version == null ? "development" : version)};
        }
    }
}
