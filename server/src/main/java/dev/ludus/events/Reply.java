package dev.ludus.events;

import dev.ludus.http.Json;

/**
 * An answer ready to send: its status and its JSON body. A reply made from an answer object writes
 * its JSON on first use, so that a write without an idempotency key leaves that work to the request
 * thread instead of the group-commit writer. The answer objects are immutable, so it does not matter
 * which thread writes them.
 *
 * <p>Thread-safety: {@link #body} is synchronized; a reply is handed from the writer to the request
 * thread through a future, which orders the two.
 */
public final class Reply {

    private final int status;
    private final Object answer;
    private final Json json;
    private byte[] body;

    private Reply(int status, Object answer, Json json, byte[] body) {
        this.status = status;
        this.answer = answer;
        this.json = json;
        this.body = body;
    }

    /** A reply whose body is {@code answer} as JSON, written when first asked for. */
    static Reply of(int status, Object answer, Json json) {
        return new Reply(status, answer, json, null);
    }

    /** A reply with a body already written. */
    static Reply written(int status, byte[] body) {
        return new Reply(status, null, null, body);
    }

    public int status() {
        return status;
    }

    public synchronized byte[] body() {
        if (body == null) {
            body = json.write(answer);
        }
        return body;
    }
}
