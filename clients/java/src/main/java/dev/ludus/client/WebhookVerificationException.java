package dev.ludus.client;

/** A webhook whose headers, timestamp or signature do not hold: do not act on its body. */
public final class WebhookVerificationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public WebhookVerificationException(String message) {
        super(message);
    }
}
