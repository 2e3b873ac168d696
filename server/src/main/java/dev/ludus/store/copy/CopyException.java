package dev.ludus.store.copy;

/** A copy or backup that cannot be done or did not verify; the message says why in one line. */
public class CopyException extends RuntimeException {

    public CopyException(String message) {
        super(message);
    }

    public CopyException(String message, Throwable cause) {
        super(message, cause);
    }
}
