package dev.ludus.console;

import dev.ludus.accounts.Role;
import dev.ludus.tenancy.Application;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The console's first page: for an operator the tenants (the page of {@code /console/tenants}), for
 * everyone else the applications they may see; and an application's own start page.
 */
public final class HomeRoutes {

    private final Console console;
    private final Handler operatorHome;

    /** @param operatorHome what an operator sees at {@code /console} */
    public HomeRoutes(Console console, Handler operatorHome) {
        this.console = console;
        this.operatorHome = operatorHome;
    }

    public void register(Pages routes) {
        routes.get("/console", this::home);
        routes.get("/console/apps/{app}", this::application);
    }

    private void home(ServerRequest request, ServerResponse response) throws Exception {
        ConsoleUser user = Console.user(request);
        if (user.operator()) {
            operatorHome.handle(request, response);
            return;
        }
        Map<String, Application> applications = new LinkedHashMap<>();
        for (Role role : user.account().map(account -> account.roles()).orElse(List.of())) {
            role.applicationId().ifPresent(id -> applications.put(id, console.tenancy().application(id)));
            role.tenantId().ifPresent(tenant -> Directory.applications(console.tenancy(), tenant)
                    .forEach(app -> applications.put(app.id(), app)));
        }
        console.views().render(response, "home.jte", Console.page(request, "Applications").in("home"),
                "applications", List.copyOf(applications.values()));
    }

    private void application(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        console.views().render(response, "application.jte",
                Console.page(request, application.name()).in(application, "overview"), "application", application);
    }
}
