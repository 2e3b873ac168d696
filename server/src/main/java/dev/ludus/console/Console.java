package dev.ludus.console;

import dev.ludus.audit.Actor;
import dev.ludus.http.ApiException;
import dev.ludus.http.RequestInfo;
import dev.ludus.tenancy.Application;
import dev.ludus.tenancy.TenancyService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import java.util.Optional;

/**
 * What every console page needs: who is signed in, the page frame, the application of the path with
 * the user's right to it checked, redirects and rendering. One instance, shared by the page classes.
 */
public final class Console {

    private final TenancyService tenancy;
    private final Views views;

    public Console(TenancyService tenancy, Views views) {
        this.tenancy = tenancy;
        this.views = views;
    }

    public Views views() {
        return views;
    }

    public TenancyService tenancy() {
        return tenancy;
    }

    /** The signed-in user; {@link ConsoleFilter} lets no request without one reach a page. */
    public static ConsoleUser user(ServerRequest request) {
        return request.context().get(ConsoleUser.class)
                .orElseThrow(() -> new IllegalStateException("no console user on " + request.path().path()));
    }

    /** Who makes a change through this request, for the audit log. */
    public static Actor actor(ServerRequest request) {
        return user(request).actor(RequestInfo.remoteAddress(request));
    }

    /** The frame of a page for the signed-in user. */
    public static Page page(ServerRequest request, String title) {
        ConsoleUser user = user(request);
        return new Page(title, Optional.of(user), user.session().csrfToken(), Optional.empty(), "", List.of());
    }

    /** The frame of a page whether or not someone is signed in (error pages). */
    static Page optionalPage(ServerRequest request, String title) {
        Optional<ConsoleUser> user = request.context().get(ConsoleUser.class);
        return new Page(title, user, user.map(u -> u.session().csrfToken()).orElse(""), Optional.empty(), "",
                List.of());
    }

    /**
     * The application named by the path parameter {@code app}, when the user may see it; 404 otherwise
     * (an application the user may not see is not revealed).
     */
    public Application viewable(ServerRequest request) {
        String id = request.path().pathParameters().get("app");
        Application application;
        try {
            application = tenancy.application(id);
        } catch (ApiException e) {
            throw notFound(id);
        }
        if (!user(request).canView(application)) {
            throw notFound(id);
        }
        return application;
    }

    /** The application of the path, when the user may change it; 403 when they may only see it. */
    public Application changeable(ServerRequest request) {
        Application application = viewable(request);
        if (!user(request).canChange(application)) {
            throw ConsoleFilter.forbidden("you may look at " + application.name() + " but not change it; an admin"
                    + " of the application or its tenant can");
        }
        return application;
    }

    /** 403 unless the signed-in user is an operator. */
    public static void requireOperator(ServerRequest request) {
        if (!user(request).operator()) {
            throw ConsoleFilter.forbidden("only an operator may do this");
        }
    }

    /** Sends the browser to {@code location} with a GET (303 See Other). */
    public static void redirect(ServerResponse response, String location) {
        response.status(Status.SEE_OTHER_303);
        response.header(HeaderNames.LOCATION, location);
        response.send();
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("there is no application '" + id + "' that you may see");
    }
}
