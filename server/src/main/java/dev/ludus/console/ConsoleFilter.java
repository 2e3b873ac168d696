package dev.ludus.console;

import dev.ludus.accounts.AccountService;
import dev.ludus.accounts.Session;
import dev.ludus.accounts.SessionService;
import dev.ludus.http.ApiException;
import dev.ludus.secrets.Secrets;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Guards {@code /console}: sends the security headers on every answer, finds the signed-in user from
 * the session cookie (or sends the browser to sign in), checks the CSRF token of every state change,
 * and turns a refusal of a service into an HTML page instead of problem+json.
 *
 * <p>CSRF: a form carries {@value #CSRF_FIELD}, an htmx request the {@code X-CSRF-Token} header; either
 * must equal the session's token (compared in constant time). Before a session exists (sign-in and
 * set-up forms) the token is a cookie's value, sent back in the form (double submit). Requests that a
 * browser marks as cross-site ({@code Sec-Fetch-Site}) are refused before that.
 */
public final class ConsoleFilter implements Filter {

    /** The form field that carries the CSRF token. */
    public static final String CSRF_FIELD = "_csrf";
    static final HeaderName CSRF_HEADER = HeaderNames.create("X-CSRF-Token");
    static final String PREFIX = "/console";
    /**
     * Nothing inline: scripts, styles, images and requests only from this server; no framing; forms post
     * only here.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final Set<Method> SAFE = Set.of(Method.GET, Method.HEAD, Method.OPTIONS);
    private static final HeaderName SEC_FETCH_SITE = HeaderNames.create("Sec-Fetch-Site");

    private final SessionService sessions;
    private final AccountService accounts;
    private final Views views;

    public ConsoleFilter(SessionService sessions, AccountService accounts, Views views) {
        this.sessions = sessions;
        this.accounts = accounts;
        this.views = views;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        String path = request.path().path();
        if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
            chain.proceed();
            return;
        }
        securityHeaders(response, path.startsWith(Assets.PREFIX));
        try {
            guard(chain, request, response, path);
        } catch (ApiException e) {
            if (response.isSent()) {
                throw e;
            }
            views.error(request, response, e);
        }
    }

    private void guard(FilterChain chain, RoutingRequest request, RoutingResponse response, String path) {
        boolean safe = SAFE.contains(request.prologue().method());
        if (!safe) {
            request.headers().first(SEC_FETCH_SITE)
                    .filter(site -> !site.equals("same-origin") && !site.equals("none"))
                    .ifPresent(site -> {
                        throw forbidden("the console accepts changes only from its own pages (Sec-Fetch-Site: "
                                + site + ")");
                    });
        }
        if (path.startsWith(Assets.PREFIX) || path.equals(SignInRoutes.SIGN_IN)
                || path.startsWith(SignInRoutes.SET_UP + "/")) {
            if (!safe) {
                requireToken(request, Cookies.read(request, Cookies.CSRF));
            }
            chain.proceed();
            return;
        }
        Optional<ConsoleUser> user = Cookies.read(request, Cookies.SESSION).flatMap(sessions::find).flatMap(this::user);
        if (user.isEmpty()) {
            if (safe) {
                response.status(Status.SEE_OTHER_303);
                response.header(HeaderNames.LOCATION, SignInRoutes.SIGN_IN + "?next="
                        + URLEncoder.encode(request.requestedUri().path().rawPath()
                                + request.query().rawValue().transform(q -> q.isEmpty() ? "" : "?" + q),
                        StandardCharsets.UTF_8));
                response.send();
                return;
            }
            throw new ApiException(401, "session_expired", "Signed out",
                    "Your session has ended, so this change was not saved. Sign in again and send it once more.");
        }
        request.context().register(user.get());
        if (!safe) {
            requireToken(request, Optional.of(user.get().session().csrfToken()));
        }
        chain.proceed();
    }

    private Optional<ConsoleUser> user(Session session) {
        if (session.accountId().isEmpty()) {
            return Optional.of(new ConsoleUser(session, Optional.empty()));
        }
        return accounts.find(session.accountId().get()).filter(account -> account.active())
                .map(account -> new ConsoleUser(session, Optional.of(account)));
    }

    private static void requireToken(RoutingRequest request, Optional<String> expected) {
        Optional<String> sent = request.headers().first(CSRF_HEADER).or(() -> Form.of(request).raw(CSRF_FIELD));
        if (expected.isEmpty() || sent.isEmpty() || !Secrets.constantTimeEquals(sent.get(), expected.get())) {
            throw forbidden("the form's CSRF token is missing or wrong; reload the page and try again");
        }
    }

    static ApiException forbidden(String detail) {
        return new ApiException(403, "forbidden", "Forbidden", detail);
    }

    private static void securityHeaders(RoutingResponse response, boolean asset) {
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Content-Type-Options", "nosniff");
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        response.header("Cross-Origin-Opener-Policy", "same-origin");
        if (!asset) {
            response.header(HeaderNames.CACHE_CONTROL, "no-store");
        }
    }
}
