package dev.ludus.accounts;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
public final class SignInThrottle {
    public SignInThrottle(Jdbi jdbi, Clock clock) { }
    public Optional<Duration> blocked(String email, Optional<String> address) { return Optional.empty(); }
    public void failed(String email, Optional<String> address) { }
    public void succeeded(String email) { }
}
