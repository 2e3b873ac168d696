package dev.ludus.console;

import dev.ludus.accounts.Role;
import dev.ludus.http.PageRequest;
import dev.ludus.tenancy.Application;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The console's first page: the applications the user may see, and an application's own start page. */
public final class HomeRoutes {

    private final Console console;

    public HomeRoutes(Console console) {
        this.console = console;
    }

    public void register(Pages routes) {
        routes.get("/console", this::home);
        routes.get("/console/apps/{app}", this::application);
    }

    private void home(ServerRequest request, ServerResponse response) {
        ConsoleUser user = Console.user(request);
        Map<String, Application> applications = new LinkedHashMap<>();
        for (Role role : user.account().map(account -> account.roles()).orElse(List.of())) {
            role.applicationId().ifPresent(id -> applications.put(id, console.tenancy().application(id)));
            role.tenantId().ifPresent(tenant -> allOf(tenant).forEach(app -> applications.put(app.id(), app)));
        }
        console.views().render(response, "home.jte", Console.page(request, "Applications").in("home"),
                "applications", List.copyOf(applications.values()));
    }

    private List<Application> allOf(String tenantId) {
        List<Application> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            PageRequest.Page<Application> page = console.tenancy().applications(tenantId,
                    new PageRequest(PageRequest.MAX_LIMIT, after));
            all.addAll(page.items());
            after = Optional.ofNullable(page.nextCursor());
        } while (after.isPresent());
        return all;
    }

    private void application(ServerRequest request, ServerResponse response) {
        Application application = console.viewable(request);
        console.views().render(response, "application.jte",
                Console.page(request, application.name()).in(application, "overview"), "application", application);
    }
}
