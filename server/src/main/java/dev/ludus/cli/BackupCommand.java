package dev.ludus.cli;

import dev.ludus.config.LudusConfig;
import dev.ludus.store.copy.CopyException;
import dev.ludus.store.copy.SqliteBackup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ludus backup <file>}: a consistent copy of the configured SQLite store, taken while the
 * server runs ({@link SqliteBackup}). On a PostgreSQL configuration it refuses and points to
 * {@code pg_dump}.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write a consistent copy of the SQLite store to FILE, while the server runs.",
                "Restore: stop the server, put the file in place as ludus.db in the data directory, start it. "
                        + "On PostgreSQL use pg_dump (docs/operations.md, Backups)."})
final class BackupCommand implements Callable<Integer> {

    @Mixin
    StoreOptions options = new StoreOptions();

    @Parameters(index = "0", paramLabel = "FILE", description = "the backup file to write")
    Path file;

    @Option(names = "--overwrite", description = "replace FILE if it exists (refused otherwise)")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LudusConfig config = options.resolve(System.getenv());
        if (config.dbUrl().isPresent()) {
            throw new CliException("backup copies an SQLite store, and this configuration uses PostgreSQL (" + LudusConfig.DB_URL
                    + "): back it up with pg_dump, see docs/operations.md#backups");
        }
        PrintWriter out = spec.commandLine().getOut();
        SqliteBackup.Result result;
        try {
            result = SqliteBackup.write(config.dataDir().resolve("ludus.db"), file, overwrite);
        } catch (CopyException e) {
            throw new CliException(e.getMessage());
        }
        out.printf(Locale.ROOT, "Backed up %s to %s: %.1f MiB in %.2f s.%n", config.dataDir().resolve("ludus.db"),
                result.file(), result.bytes() / (1024.0 * 1024.0), result.took().toMillis() / 1000.0);
        out.flush();
        return 0;
    }
}
