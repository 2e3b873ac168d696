package dev.ludus.store.copy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.sqlite.SQLiteDataSource;

/**
 * Checks, without changing it, that an SQLite store is at the schema version of this Ludus: the
 * migrations this jar holds for SQLite, all applied and none unknown. A copy of an older store would
 * meet a target one migration ahead of it; a newer store's tables are not all known here.
 */
final class SourceVersion {

    private SourceVersion() {
    }

    static void check(Path sqliteFile) {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + sqliteFile);
        MigrationInfoService info = Flyway.configure()
                .dataSource(source)
                .locations("classpath:db/migration/common", "classpath:db/migration/sqlite")
                .load()
                .info();
        String current = info.current() == null ? "none" : info.current().getVersion().getVersion();
        List<MigrationInfo> applied = Arrays.asList(info.applied());
        if (applied.stream().anyMatch(migration -> migration.getState().isFailed())) {
            throw new CopyException("the store at " + sqliteFile + " has a failed migration: start `ludus serve` on it"
                    + " and fix what it reports before copying it");
        }
        if (applied.stream().anyMatch(migration -> !migration.getState().isResolved())) {
            throw new CopyException("the store at " + sqliteFile + " is at schema version " + current
                    + ", with migrations this Ludus does not know: run the migrate-store of the Ludus version that wrote it");
        }
        MigrationInfo[] pending = info.pending();
        if (pending.length > 0) {
            throw new CopyException("the store at " + sqliteFile + " is at schema version " + current + " and this Ludus is at "
                    + pending[pending.length - 1].getVersion().getVersion()
                    + ": start `ludus serve` of this version on it once to bring it up to date, stop it, then copy it");
        }
    }
}
