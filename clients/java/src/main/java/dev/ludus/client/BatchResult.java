package dev.ludus.client;

/**
 * The outcome of one event of a batch ({@code POST /v1/events/batch}).
 *
 * @param status 201 when recorded (or replayed); otherwise the status the event alone would have been
 *         refused with (400, 403, 409, 503)
 * @param body the event's answer when recorded, else null
 * @param error the problem when refused, else null
 */
public record BatchResult(int status, EventAnswer body, Problem error) {

    /** Whether the event was recorded (now, or earlier with the same idempotency key). */
    public boolean ok() {
        return body != null;
    }
}
