package dev.ludus.client;

import dev.ludus.client.internal.Authentication;
import dev.ludus.client.internal.Transport;
import java.util.stream.Stream;

/**
 * {@code /v1/metrics}: the quantities events add to. {@code put} and {@code archive} need scope
 * {@code admin}, the reads scope {@code read}. Keys are 1 to 64 characters of {@code a-z 0-9 _ . -}.
 */
public final class MetricsApi {

    private final RuleCalls<Metric> calls;

    MetricsApi(Transport transport, Authentication authentication) {
        this.calls = new RuleCalls<>(transport, authentication, "metrics", Metric.class);
    }

    /** {@code PUT /v1/metrics/{key}}: defines, replaces or restores (when archived) the metric. */
    public Metric put(String key, MetricDefinition definition) {
        return calls.put(key, definition);
    }

    /** {@code GET /v1/metrics/{key}}, archived ones too; 404 {@code not_found} when never defined. */
    public Metric get(String key) {
        return calls.get(key);
    }

    /** The first page of active metrics in key order (50). */
    public Page<Metric> list() {
        return calls.list(50, null, false);
    }

    /**
     * {@code GET /v1/metrics}: a page in key order.
     *
     * @param limit 1 to 100
     * @param cursor the {@link Page#nextCursor()} of the previous page; null for the first
     * @param includeArchived whether archived metrics are listed too
     */
    public Page<Metric> list(int limit, String cursor, boolean includeArchived) {
        return calls.list(limit, cursor, includeArchived);
    }

    /** Every metric in key order, fetching pages of 100 as the stream is consumed. */
    public Stream<Metric> listAll(boolean includeArchived) {
        return calls.listAll(includeArchived);
    }

    /**
     * {@code DELETE /v1/metrics/{key}}: archives the metric (it takes no more events; totals stay;
     * {@link #put} restores it). 409 {@code rule_in_use} while an active rule counts it.
     */
    public void archive(String key) {
        calls.archive(key);
    }
}
