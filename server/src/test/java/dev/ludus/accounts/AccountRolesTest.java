package dev.ludus.accounts;

import static dev.ludus.accounts.AccountsFixture.OPERATOR;
import static dev.ludus.accounts.AccountsFixture.field;
import static dev.ludus.accounts.AccountsFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.audit.Actor;
import dev.ludus.audit.AuditEntry;
import dev.ludus.http.ApiException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Roles: their shapes, that their tenant or application exists, changing them, removing accounts, and the audit log. */
class AccountRolesTest {

    private final AccountsFixture fixture = new AccountsFixture();
    private final AccountService accounts = fixture.accounts;
    private String tenantId;
    private String applicationId;

    @BeforeEach
    void tenancy() {
        tenantId = fixture.tenancy.createTenant(OPERATOR, "Acme").id();
        applicationId = fixture.tenancy.createApplication(OPERATOR, tenantId, "Game").application().id();
    }

    @AfterEach
    void close() {
        fixture.close();
    }

    @Test
    void aRoleIsOfTheServerOrOfExactlyOneTenantOrApplication() {
        List<Runnable> misshapen = List.of(
                () -> new Role(Role.Kind.ADMIN, Optional.of(tenantId), Optional.of(applicationId)),
                () -> new Role(Role.Kind.VIEWER, Optional.empty(), Optional.empty()),
                () -> new Role(Role.Kind.OPERATOR, Optional.of(tenantId), Optional.empty()),
                () -> new Role(Role.Kind.OPERATOR, Optional.empty(), Optional.of(applicationId)),
                () -> new Role(null, Optional.empty(), Optional.empty()),
                () -> Role.adminOfTenant(" "),
                () -> Role.Kind.of("root"));

        assertThat(misshapen).allSatisfy(make -> {
            ApiException refusal = refused(make);
            assertThat(refusal.status()).isEqualTo(400);
            assertThat(field(refusal)).isEqualTo("roles");
        });
        assertThat(Role.Kind.of("viewer")).isEqualTo(Role.Kind.VIEWER);
        assertThat(Role.viewerOfApplication(applicationId).describe()).isEqualTo("viewer of application " + applicationId);
        assertThat(Role.adminOfTenant(tenantId).describe()).isEqualTo("admin of tenant " + tenantId);
        assertThat(Role.operator().describe()).isEqualTo("operator");
    }

    @Test
    void aRoleOnAnUnknownTenantOrApplicationIsRefused() {
        ApiException unknownTenant = refused(() -> accounts.invite(OPERATOR, "alice@example.com", "Alice",
                List.of(Role.viewerOfTenant("ten_nope"))));
        ApiException unknownApplication = refused(() -> accounts.invite(OPERATOR, "alice@example.com", "Alice",
                List.of(Role.adminOfApplication("app_nope"))));

        assertThat(unknownTenant.status()).isEqualTo(400);
        assertThat(field(unknownTenant)).isEqualTo("roles");
        assertThat(unknownTenant.detail()).contains("ten_nope");
        assertThat(unknownApplication.status()).isEqualTo(400);
        assertThat(field(unknownApplication)).isEqualTo("roles");
        assertThat(accounts.list()).isEmpty();
        assertThat(fixture.count("SELECT COUNT(*) FROM console_invitations")).isZero();
    }

    @Test
    void rolesKeepTheirOrderWithoutRepeats() {
        Account account = accounts.invite(OPERATOR, "alice@example.com", "Alice", List.of(
                Role.viewerOfApplication(applicationId), Role.adminOfTenant(tenantId),
                Role.viewerOfApplication(applicationId))).account();

        assertThat(account.roles()).containsExactly(Role.viewerOfApplication(applicationId), Role.adminOfTenant(tenantId));
        assertThat(accounts.find(account.id()).orElseThrow().roles()).isEqualTo(account.roles());
        assertThat(account.isOperator()).isFalse();
    }

    @Test
    void setRolesReplacesThemAndRecordsOnlyARealChange() {
        Account account = accounts.invite(OPERATOR, "alice@example.com", "Alice", List.of(Role.viewerOfTenant(tenantId)))
                .account();
        int entries = fixture.auditEntries().size();

        Account changed = accounts.setRoles(OPERATOR, account.id(), List.of(Role.adminOfApplication(applicationId),
                Role.operator()));
        accounts.setRoles(OPERATOR, account.id(), List.of(Role.adminOfApplication(applicationId), Role.operator()));

        assertThat(changed.roles()).containsExactly(Role.adminOfApplication(applicationId), Role.operator());
        assertThat(accounts.find(account.id()).orElseThrow().roles()).isEqualTo(changed.roles());
        assertThat(fixture.auditEntries()).hasSize(entries + 1);
        assertThat(fixture.auditEntries().getFirst().summary()).isEqualTo("changed the roles of alice@example.com from "
                + "viewer of tenant " + tenantId + " to admin of application " + applicationId + ", operator");

        assertThat(accounts.setRoles(OPERATOR, account.id(), List.of()).roles()).isEmpty();
        assertThat(refused(() -> accounts.setRoles(OPERATOR, account.id(), List.of(Role.viewerOfTenant("ten_nope"))))
                .status()).isEqualTo(400);
        assertThat(refused(() -> accounts.setRoles(OPERATOR, "acc_nope", List.of())).status()).isEqualTo(404);
        assertThat(accounts.find(account.id()).orElseThrow().roles()).isEmpty();
    }

    @Test
    void removingAnAccountEndsItsSessionsAndLinksAndFreesItsEmail() {
        Invitation pending = accounts.invite(OPERATOR, "bob@example.com", "Bob", List.of());
        Invitation invitation = accounts.invite(OPERATOR, "alice@example.com", "Alice",
                List.of(Role.adminOfTenant(tenantId)));
        Account alice = accounts.acceptInvitation(invitation.token(), "a long enough password");
        StartedSession one = fixture.sessions.start(Optional.of(alice.id()), Optional.empty(), Optional.empty());
        StartedSession two = fixture.sessions.start(Optional.of(alice.id()), Optional.empty(), Optional.empty());

        accounts.remove(OPERATOR, alice.id());
        accounts.remove(OPERATOR, pending.account().id());

        assertThat(accounts.find(alice.id())).isEmpty();
        assertThat(accounts.list()).isEmpty();
        assertThat(fixture.sessions.find(one.token())).isEmpty();
        assertThat(fixture.sessions.find(two.token())).isEmpty();
        assertThat(accounts.invitation(pending.token())).isEmpty();
        assertThat(refused(() -> accounts.acceptInvitation(pending.token(), "a long enough password")).status())
                .isEqualTo(404);
        assertThat(accounts.authenticate("alice@example.com", "a long enough password")).isEmpty();
        assertThat(fixture.auditEntries().get(1).summary()).isEqualTo("removed the account alice@example.com "
                + "(admin of tenant " + tenantId + "); 2 sessions ended");
        assertThat(refused(() -> accounts.remove(OPERATOR, alice.id())).status()).isEqualTo(404);
        assertThat(accounts.invite(OPERATOR, "alice@example.com", "Alice again", List.of()).account().id())
                .isNotEqualTo(alice.id());
    }

    @Test
    void everyChangeIsRecordedWithItsActorAndNoSecret() {
        Actor alice = Actor.account("acc_alice", "alice@example.com", Optional.of("192.0.2.10"));
        Invitation invitation = accounts.invite(alice, "bob@example.com", "Bob", List.of(Role.viewerOfTenant(tenantId)));
        Invitation again = accounts.reinvite(alice, invitation.account().id());
        accounts.acceptInvitation(again.token(), "bob's long password");
        accounts.setRoles(alice, invitation.account().id(), List.of(Role.operator()));
        Actor bob = Actor.account(invitation.account().id(), "bob@example.com", Optional.empty());
        accounts.changePassword(bob, invitation.account().id(), "bob's long password", "bob's newer password");
        accounts.remove(alice, invitation.account().id());

        List<AuditEntry> entries = fixture.auditEntries().stream()
                .filter(entry -> entry.target().kind().equals("account")).toList().reversed();
        assertThat(entries).extracting(AuditEntry::action).containsExactly("account.invited", "account.reinvited",
                "account.roles_changed", "account.password_changed", "account.removed");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.target().id()).isEqualTo(invitation.account().id());
            assertThat(entry.tenantId()).isNull();
            assertThat(entry.applicationId()).isNull();
            assertThat(entry.actor().kind()).isEqualTo("account");
            assertThat(entry.actor().authMethod()).isEqualTo("console");
            assertThat(entry.actor().applicationId()).isNull();
            assertThat(entry.summary()).doesNotContain(invitation.token(), again.token(), "long password",
                    "newer password");
        });
        AuditEntry invited = entries.getFirst();
        assertThat(invited.actor().subject()).isEqualTo("alice@example.com");
        assertThat(invited.actor().accountId()).isEqualTo("acc_alice");
        assertThat(invited.address()).isEqualTo("192.0.2.10");
        assertThat(invited.occurredAt()).isEqualTo(fixture.clock.instant());
        assertThat(invited.summary()).isEqualTo("invited bob@example.com ('Bob') as viewer of tenant " + tenantId
                + "; the set-up link expires at 2037-12-04T10:00:00Z");
        assertThat(entries.get(1).summary()).startsWith("sent bob@example.com a new set-up link");
        assertThat(entries.get(3).actor().subject()).isEqualTo("bob@example.com");
        assertThat(entries.get(3).address()).isNull();
    }
}
