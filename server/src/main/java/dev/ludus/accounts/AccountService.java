package dev.ludus.accounts;
import dev.ludus.audit.Actor;
import dev.ludus.tenancy.TenancyService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
public final class AccountService {
    public static final Duration INVITATION_LIFETIME = Duration.ofHours(72);
    public AccountService(Jdbi jdbi, TenancyService tenancy, Clock clock) { }
    public Invitation invite(Actor actor, String email, String displayName, List<Role> roles) { throw new UnsupportedOperationException(); }
    public Invitation reinvite(Actor actor, String accountId) { throw new UnsupportedOperationException(); }
    public Optional<Account> invitation(String rawToken) { return Optional.empty(); }
    public Account acceptInvitation(String rawToken, String password) { throw new UnsupportedOperationException(); }
    public Optional<Account> authenticate(String email, String password) { return Optional.empty(); }
    public List<Account> list() { return List.of(); }
    public Optional<Account> find(String accountId) { return Optional.empty(); }
    public Account setRoles(Actor actor, String accountId, List<Role> roles) { throw new UnsupportedOperationException(); }
    public void remove(Actor actor, String accountId) { }
    public void changePassword(Actor actor, String accountId, String current, String next) { }
}
