package dev.ludus.cli;

import dev.ludus.config.LudusConfig;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The two settings that say where the store is, as flags over their {@code LUDUS_*} variables, for
 * the commands that work on the store itself rather than on a running server ({@code migrate-store},
 * {@code backup}): the rest of {@code serve}'s settings would only crowd their help.
 */
final class StoreOptions {

    @Option(names = "--data-dir", description = "data directory holding ludus.db (LUDUS_DATA_DIR, default ./data)")
    String dataDir;

    @Option(names = "--db-url", description = "PostgreSQL JDBC URL of the store (LUDUS_DB_URL; unset = SQLite)")
    String dbUrl;

    /** The environment with the flags laid over it, validated as {@code serve} would. */
    LudusConfig resolve(Map<String, String> environment) {
        Map<String, String> variables = new HashMap<>(environment);
        if (dataDir != null) {
            variables.put(LudusConfig.DATA_DIR, dataDir);
        }
        if (dbUrl != null) {
            variables.put(LudusConfig.DB_URL, dbUrl);
        }
        return LudusConfig.from(variables);
    }
}
