package dev.ludus.console;

import dev.ludus.accounts.Account;
import dev.ludus.accounts.AccountService;
import dev.ludus.accounts.SessionService;
import dev.ludus.accounts.SignInThrottle;
import dev.ludus.accounts.StartedSession;
import dev.ludus.http.ApiException;
import dev.ludus.http.RequestInfo;
import dev.ludus.secrets.Secrets;
import dev.ludus.tenancy.OperatorKey;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signing in (an account's email and password, or the operator key), signing out (this session or
 * every one of the account's), and accepting an invitation (the one-time set-up link).
 *
 * <p>A failed sign-in answers the same words, in the same time, whether or not the account exists
 * (the account service checks a dummy hash for an unknown email); repeated failures are throttled per
 * email and per address ({@link SignInThrottle}).
 */
public final class SignInRoutes {

    static final String SIGN_IN = "/console/sign-in";
    static final String SET_UP = "/console/setup";
    /** What a failed sign-in says, whatever failed. */
    static final String WRONG = "That email and password do not match an account.";
    private static final String OPERATOR_KEY_THROTTLE = "operator key";
    private static final Pattern SAFE_NEXT = Pattern.compile("/console(/[A-Za-z0-9._~%/?=&+:-]*)?");

    private final AccountService accounts;
    private final SessionService sessions;
    private final SignInThrottle throttle;
    private final OperatorKey operatorKey;
    private final Secrets secrets;
    private final Views views;

    public SignInRoutes(AccountService accounts, SessionService sessions, SignInThrottle throttle,
            OperatorKey operatorKey, Secrets secrets, Views views) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.throttle = throttle;
        this.operatorKey = operatorKey;
        this.secrets = secrets;
        this.views = views;
    }

    public void register(Pages routes) {
        routes.get(SIGN_IN, this::signInPage);
        routes.post(SIGN_IN, this::signIn);
        routes.post("/console/sign-out", this::signOut);
        routes.post("/console/sign-out-everywhere", this::signOutEverywhere);
        routes.get(SET_UP + "/{token}", this::setUpPage);
        routes.post(SET_UP + "/{token}", this::setUp);
    }

    private void signInPage(ServerRequest request, ServerResponse response) {
        String next = next(request.query().first("next").orElse(""));
        showSignIn(request, response, 200, request.query().contains("changed")
                ? Map.of("next", next, "changed", "") : Map.of("next", next), Optional.empty());
    }

    private void showSignIn(ServerRequest request, ServerResponse response, int status, Map<String, String> values,
            Optional<String> error) {
        String csrf = csrfCookie(request, response);
        views.render(response, status, "sign-in.jte", Page.anonymous("Sign in", csrf),
                "values", values, "error", error.orElse(""));
    }

    private void signIn(ServerRequest request, ServerResponse response) {
        Form form = Form.of(request);
        Optional<String> address = RequestInfo.remoteAddress(request);
        String next = next(form.text("next"));
        boolean withKey = form.get("operator_key").isPresent();
        String throttleKey = withKey ? OPERATOR_KEY_THROTTLE : form.text("email").toLowerCase(java.util.Locale.ROOT);
        Optional<Duration> blocked = throttle.blocked(throttleKey, address);
        if (blocked.isPresent()) {
            long seconds = Math.max(1, blocked.get().toSeconds());
            response.header(HeaderNames.RETRY_AFTER, Long.toString(seconds));
            showSignIn(request, response, 429, Map.of("next", next, "email", form.text("email")), Optional.of(
                    "Too many failed sign-ins. Try again in " + minutes(seconds) + "."));
            return;
        }
        Optional<Optional<String>> signedIn;
        if (withKey) {
            signedIn = Secrets.constantTimeEquals(form.raw("operator_key").orElse("").strip(), operatorKey.value())
                    ? Optional.of(Optional.empty()) : Optional.empty();
        } else {
            signedIn = accounts.authenticate(form.text("email"), form.raw("password").orElse(""))
                    .map(account -> Optional.of(account.id()));
        }
        if (signedIn.isEmpty()) {
            throttle.failed(throttleKey, address);
            showSignIn(request, response, 401, Map.of("next", next, "email", form.text("email")), Optional.of(
                    withKey ? "That is not the operator key." : WRONG));
            return;
        }
        throttle.succeeded(throttleKey);
        start(request, response, signedIn.get(), next);
    }

    private void start(ServerRequest request, ServerResponse response, Optional<String> accountId, String next) {
        StartedSession started = sessions.start(accountId, RequestInfo.remoteAddress(request),
                request.headers().first(HeaderNames.USER_AGENT).map(agent -> agent.length() > 200
                        ? agent.substring(0, 200) : agent));
        Cookies.set(request, response, Cookies.SESSION, started.token());
        Cookies.clear(request, response, Cookies.CSRF);
        Console.redirect(response, next);
    }

    private void signOut(ServerRequest request, ServerResponse response) {
        Cookies.read(request, Cookies.SESSION).ifPresent(sessions::end);
        Cookies.clear(request, response, Cookies.SESSION);
        Console.redirect(response, SIGN_IN);
    }

    private void signOutEverywhere(ServerRequest request, ServerResponse response) {
        sessions.endAll(Console.user(request).account().map(Account::id));
        Cookies.clear(request, response, Cookies.SESSION);
        Console.redirect(response, SIGN_IN);
    }

    private void setUpPage(ServerRequest request, ServerResponse response) {
        Account account = invitation(request);
        String csrf = csrfCookie(request, response);
        views.render(response, "setup.jte", Page.anonymous("Set up your account", csrf), "account", account,
                "error", "");
    }

    private void setUp(ServerRequest request, ServerResponse response) {
        Account invited = invitation(request);
        Form form = Form.of(request);
        String password = form.raw("password").orElse("");
        String error = "";
        if (!password.equals(form.raw("confirm").orElse(""))) {
            error = "The two passwords differ.";
        } else {
            try {
                Account account = accounts.acceptInvitation(request.path().pathParameters().get("token"), password);
                start(request, response, Optional.of(account.id()), "/console");
                return;
            } catch (ApiException e) {
                if (e.status() != 400) {
                    throw e;
                }
                error = e.detail();
            }
        }
        views.render(response, 422, "setup.jte", Page.anonymous("Set up your account",
                csrfCookie(request, response)), "account", invited, "error", error);
    }

    private Account invitation(ServerRequest request) {
        return accounts.invitation(request.path().pathParameters().get("token"))
                .orElseThrow(() -> new ApiException(404, "invitation_not_found", "Invitation not found",
                        "This set-up link is unknown, used or expired. Ask an operator for a new one."));
    }

    /** The pre-session CSRF token: the cookie's, or a new one set now. */
    private String csrfCookie(ServerRequest request, ServerResponse response) {
        Optional<String> existing = Cookies.read(request, Cookies.CSRF);
        if (existing.isPresent()) {
            return existing.get();
        }
        String token = secrets.secret("csrf_");
        Cookies.set(request, response, Cookies.CSRF, token);
        return token;
    }

    /** Where to go after signing in: a console path, never another site. */
    static String next(String requested) {
        return SAFE_NEXT.matcher(requested).matches() && !requested.contains("//") ? requested : "/console";
    }

    private static String minutes(long seconds) {
        long minutes = (seconds + 59) / 60;
        return minutes == 1 ? "a minute" : minutes + " minutes";
    }
}
