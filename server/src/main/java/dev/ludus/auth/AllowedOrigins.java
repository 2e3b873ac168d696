package dev.ludus.auth;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which browser origins may call the {@code /v1} API: the server-wide default
 * ({@code LUDUS_CORS_ORIGINS}) and each application's own list. A preflight carries no token, so it
 * is answered from the union of every application's list ({@link #anyAllows}); the answer to the
 * request itself is opened only to the origins of the application whose token it carries
 * ({@link #allows}). The union is read from the store at start and again whenever the auth change
 * feed says an application changed, on every node. Thread-safe: the union is an immutable set in a
 * volatile field.
 */
public final class AllowedOrigins implements Consumer<AuthEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AllowedOrigins.class);

    private final Set<String> defaults;
    private final Supplier<Set<String>> applications;
    private volatile Set<String> union;

    /** {@code applications} reads every origin some application lists, from the store. */
    public AllowedOrigins(List<String> defaults, Supplier<Set<String>> applications) {
        this.defaults = Set.copyOf(defaults);
        this.applications = applications;
        this.union = load();
    }

    /** Whether some application (or the default) allows {@code origin}: the preflight's question. */
    public boolean anyAllows(String origin) {
        return union.contains(origin);
    }

    /** Whether {@code origin} may read the answers to a request of the application {@code app}. */
    public boolean allows(AppCredentials app, String origin) {
        return defaults.contains(origin) || app.corsOrigins().contains(origin);
    }

    @Override
    public void accept(AuthEvent event) {
        if (event instanceof AuthEvent.ApplicationChanged) {
            try {
                union = load();
            } catch (RuntimeException e) {
                LOG.warn("reading the applications' CORS origins failed; the previous list stays until the next"
                        + " change: {}", e.toString());
            }
        }
    }

    private Set<String> load() {
        Set<String> all = new HashSet<>(defaults);
        all.addAll(applications.get());
        return Set.copyOf(all);
    }
}
