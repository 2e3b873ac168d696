package dev.ludus.webhook;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Learns of every delivery attempt that is logged, in the transaction that logs it, so that what it
 * counts commits with the attempt (the usage figures of {@code GET /v1/stats}). Registered from the
 * composition root; must not throw.
 */
@FunctionalInterface
public interface AttemptCounter {

    /** Counts nothing. */
    AttemptCounter NONE = (handle, applicationId, outcome, at) -> { };

    /** One attempt of an endpoint of {@code applicationId} was logged at {@code at}. */
    void attempted(Handle handle, String applicationId, Outcome outcome, Instant at);

    /** What became of one attempt; each attempt has exactly one. */
    enum Outcome {
        /** The endpoint answered 2xx. */
        DELIVERED("delivered"),
        /** It failed and the message is due again later. */
        RETRYING("retrying"),
        /** It failed and was the last: no retry is left, the endpoint answered 410, or it was a ping. */
        GIVEN_UP("given_up");

        private final String wireName;

        Outcome(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
