package dev.ludus;

import dev.ludus.config.LudusConfig;
import dev.ludus.http.Json;
import dev.ludus.secrets.Secrets;
import dev.ludus.store.Database;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** What every feature shares: the settings, the clock, the store, JSON, secrets and the metrics. */
record Platform(LudusConfig config, Clock clock, Database database, Json json, Secrets secrets,
        PrometheusMeterRegistry registry) {

    /** Opens the store (migrated) and the metrics registry with the JVM's meters. */
    static Platform open(LudusConfig config, Clock clock, Closer closer) {
        Database database = closer.add("the store",
                config.dbUrl().map(url -> Database.postgresql(url, config.store().poolSize()))
                        .orElseGet(() -> Database.sqlite(config.dataDir(), config.store().poolSize())));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        return new Platform(config, clock, database, new Json(), new Secrets(), registry);
    }

    Jdbi jdbi() {
        return database.jdbi();
    }

    /** True on SQLite: one node, one writer, no row locks. */
    boolean sqlite() {
        return database.vendor() == Database.Vendor.SQLITE;
    }
}
