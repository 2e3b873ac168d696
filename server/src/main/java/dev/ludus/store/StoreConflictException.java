package dev.ludus.store;

/**
 * Thrown by a work of the {@link GroupCommit} that found the store changed under it by another node
 * (a row it meant to create already exists): the whole batch rolls back and runs again, on a fresh
 * view. It reaches no caller unless the retries run out, when the work fails as
 * {@link StoreUnavailableException}.
 */
public final class StoreConflictException extends RuntimeException {

    public StoreConflictException(String message) {
        super(message, null, false, false);
    }
}
