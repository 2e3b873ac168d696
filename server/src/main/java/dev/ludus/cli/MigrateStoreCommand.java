package dev.ludus.cli;

import dev.ludus.config.LudusConfig;
import dev.ludus.store.copy.CopyException;
import dev.ludus.store.copy.StoreCopy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ludus migrate-store --to <postgres url>}: copies the configured SQLite store (the data
 * directory of {@code serve}) into PostgreSQL and verifies the copy ({@link StoreCopy}). Prints one
 * line per table copied, then each table's row counts and checksums on both sides; exits with status
 * 1 when anything differs, and then nothing is committed. The target URL's password is never printed.
 */
@Command(name = "migrate-store", mixinStandardHelpOptions = true,
        description = {"Copy the SQLite store into PostgreSQL and verify the copy (row counts and a checksum per table).",
                "Reads one consistent snapshot of the store, so a running server may keep writing (its later writes are "
                        + "not copied: stop it first for the final copy). See docs/operations.md."})
final class MigrateStoreCommand implements Callable<Integer> {

    @Mixin
    StoreOptions options = new StoreOptions();

    @Option(names = "--to", required = true, paramLabel = "URL",
            description = "the PostgreSQL JDBC URL to copy into, e.g. jdbc:postgresql://db:5432/ludus?user=ludus "
                    + "(a password is better kept in ~/.pgpass than in the URL)")
    String to;

    @Option(names = "--replace", description = "empty the target's Ludus tables first when they hold data (instead of refusing)")
    boolean replace;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        LudusConfig config = options.resolve(System.getenv());
        if (config.dbUrl().isPresent()) {
            throw new CliException("migrate-store copies an SQLite store, and this configuration names PostgreSQL ("
                    + LudusConfig.DB_URL + "): unset it (or point --data-dir at the SQLite data directory) and give the target with --to");
        }
        Quiet.storeLogs();
        PrintWriter out = spec.commandLine().getOut();
        Path file = config.dataDir().resolve("ludus.db");
        out.println("Copying " + file + " to " + RedactedUrl.of(to) + (replace ? " (replacing its data)" : ""));
        out.flush();
        StoreCopy copy = new StoreCopy(file, to, replace, (table, rows, took) -> {
            out.printf(Locale.ROOT, "  %-32s %10d rows  %7.2f s%n", table, rows, took.toMillis() / 1000.0);
            out.flush();
        });
        StoreCopy.Report report;
        try {
            report = copy.run();
        } catch (StoreCopy.VerificationFailed e) {
            printVerification(out, e.tables());
            throw new CliException(e.getMessage());
        } catch (CopyException e) {
            throw new CliException(e.getMessage());
        }
        printVerification(out, report.tables());
        out.printf(Locale.ROOT, "Copied and verified %d rows in %d tables in %s; committed.%n", report.rows(),
                report.tables().size(), seconds(report.took()));
        out.println("Start Ludus with " + LudusConfig.DB_URL + " set to the target (and the same " + LudusConfig.DATA_DIR
                + " or " + LudusConfig.ADMIN_KEY + ", for the operator key).");
        out.flush();
        return 0;
    }

    private static void printVerification(PrintWriter out, List<StoreCopy.Verified> tables) {
        out.printf(Locale.ROOT, "%-32s %10s %10s  %-16s  %-16s%n", "table", "SQLite", "PostgreSQL", "checksum SQLite",
                "checksum PostgreSQL");
        for (StoreCopy.Verified table : tables) {
            out.printf(Locale.ROOT, "%-32s %10d %10d  %-16s  %-16s  %s%n", table.table(), table.source().rows(),
                    table.target().rows(), table.source().shortDigest(), table.target().shortDigest(),
                    table.matches() ? "ok" : "MISMATCH");
        }
        out.flush();
    }

    private static String seconds(Duration took) {
        return String.format(Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
    }
}
