package dev.ludus.console;

import dev.ludus.http.RequestInfo;
import io.helidon.http.SetCookie;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Optional;

/**
 * The console's cookies: the session ({@code ludus_session}) and the pre-session CSRF token of the
 * sign-in and set-up forms ({@code ludus_csrf}). Both {@code HttpOnly}, {@code SameSite=Strict},
 * {@code Path=/console}, {@code Secure} whenever the request came over HTTPS, and without an expiry (they
 * end with the browser; the server ends sessions earlier, see {@code SessionService}).
 */
final class Cookies {

    static final String SESSION = "ludus_session";
    static final String CSRF = "ludus_csrf";

    private Cookies() {
    }

    static Optional<String> read(ServerRequest request, String name) {
        return request.headers().cookies().first(name).filter(value -> !value.isBlank());
    }

    static void set(ServerRequest request, ServerResponse response, String name, String value) {
        response.headers().addCookie(SetCookie.builder(name, value)
                .path("/console")
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .secure(RequestInfo.secure(request))
                .build());
    }

    static void clear(ServerRequest request, ServerResponse response, String name) {
        response.headers().addCookie(SetCookie.builder(name, "")
                .path("/console")
                .httpOnly(true)
                .sameSite(SetCookie.SameSite.STRICT)
                .secure(RequestInfo.secure(request))
                .expires(java.time.Instant.EPOCH)
                .maxAge(java.time.Duration.ZERO)
                .build());
    }
}
