package dev.ludus.http;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;

/**
 * The {@code Accept-Language} header of a request: the languages the caller wants rules named in when
 * the user has none of their own ({@link dev.ludus.engine.Language}). Never refused: a header that does
 * not parse asks for nothing.
 */
public final class AcceptLanguage {

    private AcceptLanguage() { }

    /** The header's value, if the request sends one. */
    public static Optional<String> of(ServerRequest request) {
        return request.headers().first(HeaderNames.ACCEPT_LANGUAGE);
    }
}
