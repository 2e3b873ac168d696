package dev.ludus.console;

import dev.ludus.accounts.Role;
import dev.ludus.http.PageRequest;
import dev.ludus.tenancy.Application;
import dev.ludus.tenancy.TenancyService;
import dev.ludus.tenancy.Tenant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Every tenant with its applications, read page by page from the tenancy service: the choices of a
 * role's tenant or application, and the names that make a role readable. Read once per page that needs
 * it; immutable.
 */
public record Directory(List<Entry> entries) {

    /** A tenant and its applications, both in id order. */
    public record Entry(Tenant tenant, List<Application> applications) {

        public Entry {
            applications = List.copyOf(applications);
        }
    }

    public Directory {
        entries = List.copyOf(entries);
    }

    /** Reads every tenant and application. */
    static Directory read(TenancyService tenancy) {
        List<Entry> entries = new ArrayList<>();
        for (Tenant tenant : all(tenancy::tenants, Tenant::id)) {
            entries.add(new Entry(tenant, applications(tenancy, tenant.id())));
        }
        return new Directory(entries);
    }

    /** Every application of the tenant, in id order. */
    static List<Application> applications(TenancyService tenancy, String tenantId) {
        return all(page -> tenancy.applications(tenantId, page), Application::id);
    }

    /** The role in words, with the names of its tenant or application: {@code admin of tenant Acme}. */
    public String describe(Role role) {
        String kind = role.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (role.tenantId().isPresent()) {
            String id = role.tenantId().get();
            return kind + " of tenant " + tenantNames().getOrDefault(id, id);
        }
        if (role.applicationId().isPresent()) {
            String id = role.applicationId().get();
            return kind + " of application " + application(id).map(this::label).orElse(id);
        }
        return kind;
    }

    private Map<String, String> tenantNames() {
        Map<String, String> names = new LinkedHashMap<>();
        entries.forEach(entry -> names.put(entry.tenant().id(), entry.tenant().name()));
        return names;
    }

    private Optional<Entry> entryOf(Application application) {
        return entries.stream().filter(entry -> entry.tenant().id().equals(application.tenantId())).findFirst();
    }

    private Optional<Application> application(String id) {
        return entries.stream().flatMap(entry -> entry.applications().stream())
                .filter(app -> app.id().equals(id)).findFirst();
    }

    private String label(Application application) {
        return application.name() + entryOf(application).map(entry -> " (" + entry.tenant().name() + ")").orElse("");
    }

    /** Every item of a list, page after page; {@code key} is the list's order, which the next page starts after. */
    private static <T> List<T> all(Function<PageRequest, PageRequest.Page<T>> read, Function<T, String> key) {
        List<T> all = new ArrayList<>();
        Optional<String> after = Optional.empty();
        do {
            PageRequest.Page<T> page = read.apply(new PageRequest(PageRequest.MAX_LIMIT, after));
            all.addAll(page.items());
            after = page.nextCursor() == null ? Optional.empty() : Optional.of(key.apply(page.items().getLast()));
        } while (after.isPresent());
        return all;
    }
}
