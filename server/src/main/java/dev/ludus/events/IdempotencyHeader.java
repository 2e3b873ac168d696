package dev.ludus.events;

import dev.ludus.http.ApiException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/** The {@code Idempotency-Key} header of a write: 1 to {@value Idempotency#MAX_KEY_LENGTH} characters. */
public final class IdempotencyHeader {

    private static final HeaderName IDEMPOTENCY_KEY = HeaderNames.create("Idempotency-Key");

    private IdempotencyHeader() { }

    /** The request's idempotency key, if it sends one; 400 when it is blank or too long. */
    public static Optional<String> of(ServerRequest request) {
        Optional<String> key = request.headers().first(IDEMPOTENCY_KEY);
        if (key.isPresent() && (key.get().isBlank() || key.get().length() > Idempotency.MAX_KEY_LENGTH)) {
            throw ApiException.invalidField("Idempotency-Key", "the Idempotency-Key header must have 1 to "
                    + Idempotency.MAX_KEY_LENGTH + " characters");
        }
        return key;
    }
}
