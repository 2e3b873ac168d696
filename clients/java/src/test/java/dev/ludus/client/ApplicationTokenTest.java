package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code .applicationToken(...)} against a real server: minted HS256 tokens and the application calls.
 * The clients mint on the server's clock.
 */
class ApplicationTokenTest {

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    private TestApp app;

    @BeforeEach
    void newApplication() {
        app = shared.ludus().createApp();
    }

    private LudusClient.Builder builder() {
        return builder(app.apiSecret());
    }

    private LudusClient.Builder builder(String apiSecret) {
        return LudusClient.builder().baseUrl(shared.ludus().baseUrl()).clock(shared.ludus().clock())
                .applicationToken(app.tenantId(), app.applicationId(), apiSecret);
    }

    @Test
    void serverIdentityAuthenticatesWithUsersScopes() {
        Verification verification = builder().build().auth().verify();

        assertThat(verification.method()).isEqualTo("jwt");
        assertThat(verification.tenantId()).isEqualTo(app.tenantId());
        assertThat(verification.applicationId()).isEqualTo(app.applicationId());
        assertThat(verification.subject()).isEqualTo("server");
        assertThat(verification.scopes()).containsExactly("users:read", "users:write");
        assertThat(verification.tokenId()).isNotBlank();
        assertThat(Duration.between(verification.issuedAt(), verification.expiresAt())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void asUserMintsTokensForThatUserWithReadAndWrite() {
        Verification verification = builder().build().asUser("user_42").auth().verify();

        assertThat(verification.method()).isEqualTo("jwt");
        assertThat(verification.subject()).isEqualTo("user_42");
        assertThat(verification.scopes()).containsExactly("read", "write");
    }

    @Test
    void subjectScopesAndLifetimeAreConfigurable() {
        Verification verification = builder().subject("backend").scopes("admin").tokenLifetime(Duration.ofMinutes(1))
                .build().auth().verify();

        assertThat(verification.subject()).isEqualTo("backend");
        assertThat(verification.scopes()).containsExactly("admin");
        assertThat(Duration.between(verification.issuedAt(), verification.expiresAt())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void adminReadsAndChangesTheApplication() {
        LudusClient admin = builder().scopes("admin").build();

        Application before = admin.application().get();
        Application after = admin.application().update(ApplicationChanges.builder()
                .name("Renamed").maxTokenLifetimeSeconds(3600).defaultScopes("read").build());

        assertThat(before.id()).isEqualTo(app.applicationId());
        assertThat(before.clientId()).isEqualTo(app.clientId());
        assertThat(before.ecdsaEnabled()).isTrue();
        assertThat(before.ecdsaLastUsedAt()).isNull();
        assertThat(before.timezone()).isEqualTo("UTC");
        assertThat(after.name()).isEqualTo("Renamed");
        assertThat(after.maxTokenLifetimeSeconds()).isEqualTo(3600);
        assertThat(after.defaultScopes()).containsExactly("read");
        assertThat(after.ecdsaEnabled()).isTrue();
    }

    @Test
    void rotatedSecretSignsTheNextClientWhileTheOldOneIsInGrace() {
        LudusClient admin = builder().scopes("admin").build();

        Rotation rotation = admin.application().rotateSecret(Duration.ofHours(1));

        assertThat(rotation.apiSecret()).startsWith("sk_").isNotEqualTo(app.apiSecret());
        assertThat(admin.auth().verify().method()).isEqualTo("jwt");
        LudusClient rotated = builder(rotation.apiSecret()).build();
        assertThat(rotated.auth().verify().subject()).isEqualTo("server");
    }

    @Test
    void emergencyRotationEndsTheOldSecretAtOnce() {
        LudusClient admin = builder().scopes("admin").build();

        admin.application().rotateSecret(Duration.ZERO);

        assertThatThrownBy(() -> admin.auth().verify())
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_signature");
                });
    }

    @Test
    void wrongSecretMapsToInvalidSignatureWithTheRequestId() {
        LudusClient wrong = builder("sk_not-the-secret-at-all-0123456789abcdef").build();

        assertThatThrownBy(() -> wrong.auth().verify())
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_signature");
                    assertThat(e.requestId()).hasValueSatisfying(id -> assertThat(id).isNotBlank());
                    assertThat(e.getMessage()).contains("401", "invalid_signature", e.requestId().get());
                });
    }

    @Test
    void missingScopeMapsToInsufficientPermissions() {
        assertThatThrownBy(() -> builder().build().application().get())
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.error()).isEqualTo("insufficient_permissions");
                    assertThat(e.requestId()).isPresent();
                });
    }

    @Test
    void revokingASubjectRefusesItsTokens() {
        LudusClient admin = builder().scopes("admin").build();
        LudusClient user = admin.asUser("user_7");
        user.auth().verify();
        // Let the user's first token be a second old: the revocation refuses it, not only tokens of
        // the revocation's own second (iat has whole seconds).
        shared.ludus().clock().advance(Duration.ofSeconds(1));

        Revocation revocation = admin.auth().revokeSubject("user_7");

        assertThat(revocation.revoked()).isEqualTo("subject");
        assertThat(revocation.subject()).isEqualTo("user_7");
        assertThat(revocation.issuedBefore()).as("the second after the revocation's")
                .isEqualTo(shared.ludus().clock().instant().plusSeconds(1));
        assertThatThrownBy(() -> user.auth().verify())
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.error()).isEqualTo("token_revoked"));
    }

    @Test
    void revokesByTokenIdTokenAndApplication() {
        LudusClient admin = builder().scopes("admin").build();

        Revocation byId = admin.auth().revokeTokenId("some-jti");
        Revocation all = admin.auth().revokeAll();

        assertThat(byId.revoked()).isEqualTo("token");
        assertThat(byId.jti()).isEqualTo("some-jti");
        assertThat(byId.until()).isNotNull();
        assertThat(all.revoked()).isEqualTo("application");
        assertThat(all.applicationId()).isEqualTo(app.applicationId());
    }

    @Test
    void managesEcdsaKeys() {
        LudusClient admin = builder().scopes("admin").build();
        String address = "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf";      // the key of private key 1

        EcdsaKey added = admin.ecdsaKeys().add(address, "users:read");
        assertThat(added.address()).isEqualTo(address);
        assertThat(added.scopes()).containsExactly("users:read");
        assertThat(added.lastUsedAt()).as("never signed").isNull();
        assertThat(admin.ecdsaKeys().list()).extracting(EcdsaKey::address).containsExactly(address);

        admin.ecdsaKeys().remove(address);
        assertThat(admin.ecdsaKeys().list()).isEmpty();
        assertThatThrownBy(() -> admin.ecdsaKeys().remove(address))
                .isInstanceOfSatisfying(LudusException.class, e -> assertThat(e.status()).isEqualTo(404));
    }

    @Test
    void builderRefusesTwoMethodsAndNone() {
        assertThatThrownBy(() -> builder().clientCredentials("cid_x", "cs_y"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one authentication method");
        assertThatThrownBy(() -> LudusClient.builder().baseUrl(shared.ludus().baseUrl()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no authentication method");
        assertThatThrownBy(() -> LudusClient.builder().baseUrl(shared.ludus().baseUrl())
                .clientCredentials(app.clientId(), app.clientSecret()).build().asUser("u"))
                .isInstanceOf(IllegalStateException.class);
    }
}
