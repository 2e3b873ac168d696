package dev.ludus.accounts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;
public final class SessionService {
    public static final Duration IDLE = Duration.ofMinutes(30), ABSOLUTE = Duration.ofHours(12);
    private final ConcurrentHashMap<String, Session> map = new ConcurrentHashMap<>();
    private final Clock clock;
    public SessionService(Jdbi jdbi, Clock clock) { this.clock = clock; }
    public StartedSession start(Optional<String> accountId, Optional<String> address, Optional<String> userAgent) {
        String token = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Session s = new Session(UUID.randomUUID().toString(), accountId, UUID.randomUUID().toString(), now, now, now.plus(ABSOLUTE));
        map.put(token, s);
        return new StartedSession(s, token);
    }
    public Optional<Session> find(String rawToken) { return Optional.ofNullable(map.get(rawToken)); }
    public void end(String rawToken) { map.remove(rawToken); }
    public int endAll(Optional<String> accountId) { return 0; }
}
