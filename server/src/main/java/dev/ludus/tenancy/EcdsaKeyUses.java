package dev.ludus.tenancy;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each ECDSA key last signed an accepted request on this node, kept in memory and written to
 * {@code ecdsa_keys.last_used_at} by {@link #flush} (with the usage figures' flush, every few seconds,
 * and before this node lists keys): a request is not a change of the store, and a write per request
 * would cost more than the request. The write only ever moves a key's time forward, so nodes that
 * flush in any order leave the latest; what a node had not flushed when it died is lost.
 *
 * <p>Thread-safety: the times are a concurrent map whose entries are raised ({@code merge} with
 * {@code max}) and taken out ({@code remove}) atomically; {@link #flush} is synchronized, so two
 * flushes do not interleave.
 */
final class EcdsaKeyUses {

    private static final Logger LOG = LoggerFactory.getLogger(EcdsaKeyUses.class);

    /** A registered key: its application and its address (40 lower-case hex digits, no {@code 0x}). */
    record Key(String applicationId, String address) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int order = applicationId.compareTo(other.applicationId);
            return order != 0 ? order : address.compareTo(other.address);
        }
    }

    private final Jdbi jdbi;
    private final TenancyStore store;
    /** Key -> the latest use noted since the last flush, epoch milliseconds. */
    private final ConcurrentHashMap<Key, Long> latest = new ConcurrentHashMap<>();

    EcdsaKeyUses(Jdbi jdbi, TenancyStore store) {
        this.jdbi = jdbi;
        this.store = store;
    }

    /** Notes that the key signed an accepted request at {@code millis}: one map update, no I/O. */
    void used(String applicationId, String address, long millis) {
        latest.merge(new Key(applicationId, address), millis, Math::max);
    }

    /**
     * Writes the times noted since the last flush, in one transaction, in key order (so that two nodes
     * lock the rows in the same order); on failure keeps them for the next flush. Never throws.
     */
    synchronized void flush() {
        SortedMap<Key, Long> taken = new TreeMap<>();
        for (Key key : latest.keySet()) {
            Long millis = latest.remove(key);
            if (millis != null) {
                taken.put(key, millis);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        try {
            jdbi.useTransaction(handle -> store.markEcdsaKeysUsed(handle, taken));
        } catch (RuntimeException e) {
            for (Map.Entry<Key, Long> use : taken.entrySet()) {
                latest.merge(use.getKey(), use.getValue(), Math::max);
            }
            LOG.warn("writing the last use of {} ECDSA keys failed ({}); the next flush tries again", taken.size(),
                    e.toString());
        }
    }
}
