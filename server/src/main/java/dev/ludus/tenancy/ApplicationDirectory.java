package dev.ludus.tenancy;

import dev.ludus.auth.AppCredentials;
import dev.ludus.auth.AuthEvent;
import dev.ludus.auth.CredentialSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Application credentials cached in memory for token verification, dropped when the auth feed says
 * an application changed. Unknown application ids are remembered too (up to
 * {@link #MAX_UNKNOWN}), so a flood of made-up {@code aud} values does not reach the database on
 * every request.
 *
 * <p>Thread-safe: concurrent maps, and a generation counter so that a load which overlapped an
 * invalidation is answered but not cached (it may have read the state before the change).
 */
public final class ApplicationDirectory implements CredentialSource, Consumer<AuthEvent> {

    /** Most unknown application ids remembered before the memory of them is cleared. */
    static final int MAX_UNKNOWN = 10_000;

    private final TenancyService tenancy;
    private final Map<String, AppCredentials> known = new ConcurrentHashMap<>();
    private final Map<String, Boolean> unknown = new ConcurrentHashMap<>();
    /** Bumped by every invalidation; a load that overlapped one is not cached. */
    private final AtomicLong invalidations = new AtomicLong();

    public ApplicationDirectory(TenancyService tenancy) {
        this.tenancy = tenancy;
    }

    @Override
    public Optional<AppCredentials> find(String applicationId) {
        AppCredentials cached = known.get(applicationId);
        if (cached != null) {
            return Optional.of(cached);
        }
        if (unknown.containsKey(applicationId)) {
            return Optional.empty();
        }
        long generation = invalidations.get();
        Optional<AppCredentials> loaded = tenancy.credentials(applicationId);
        if (generation != invalidations.get()) {
            return loaded;
        }
        if (loaded.isPresent()) {
            known.put(applicationId, loaded.get());
        } else {
            if (unknown.size() >= MAX_UNKNOWN) {
                unknown.clear();
            }
            unknown.put(applicationId, Boolean.TRUE);
        }
        return loaded;
    }

    @Override
    public void accept(AuthEvent event) {
        if (event instanceof AuthEvent.ApplicationChanged changed) {
            invalidations.incrementAndGet();
            known.remove(changed.applicationId());
            unknown.remove(changed.applicationId());
        }
    }
}
