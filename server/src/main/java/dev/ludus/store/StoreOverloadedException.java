package dev.ludus.store;

/**
 * The store takes no more writes for now: a writer's queue is full. Nothing was written; the same
 * request may be sent again shortly. The HTTP layer answers it as 503 {@code overloaded}.
 */
public final class StoreOverloadedException extends RuntimeException {

    public StoreOverloadedException(String message) {
        super(message, null, false, false);
    }
}
