package dev.ludus.store;

/**
 * A write that the store could not take or could not confirm: the writers are shutting down, the
 * wait for a commit was interrupted, the write failed, or its commit could not be made durable.
 * Whether it was written is not known in the last two cases, so a retry should carry the same
 * idempotency key. The message says which, and holds no request data. The HTTP layer answers it as
 * 503 {@code unavailable}.
 */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message, null, false, false);
    }
}
