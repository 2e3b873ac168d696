package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ludus.client.internal.EcdsaAuthentication;
import dev.ludus.testing.Http;
import dev.ludus.testing.LegacySigner;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.math.BigInteger;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code .ecdsa(...)} against a real server: legacy request signing, keys registered through the
 * operator API. The clients sign with the server's clock.
 */
class EcdsaTest {

    /** Private key 1: its address is well known, so the test does not trust the SDK to derive it. */
    private static final String KEY_ONE_ADDRESS = "0x7e5f4552091a69125d5dfcb7b8c2659029395bdf";

    @RegisterExtension
    static final LudusServer shared = new LudusServer();
    /** Held strongly: java.util.logging forgets loggers nobody references. */
    private static final Logger SDK_LOGGER = Logger.getLogger(EcdsaAuthentication.LOGGER_NAME);
    private final List<LogRecord> warnings = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            warnings.add(record);
        }

        @Override
        public void flush() { }

        @Override
        public void close() { }
    };
    private TestApp app;

    @BeforeEach
    void newApplication() {
        app = shared.ludus().createApp();
        SDK_LOGGER.addHandler(capture);
    }

    private LudusClient.Builder builder() {
        return LudusClient.builder().baseUrl(shared.ludus().baseUrl()).clock(shared.ludus().clock());
    }

    /** Registers an ECDSA key with the application through the operator API. */
    private void addEcdsaKey(String address, String scopesJson) {
        Http.Answer answer = shared.http().post("/admin/v1/applications/" + app.applicationId() + "/ecdsa_keys",
                "{\"address\":\"" + address + "\",\"scopes\":" + scopesJson + "}", TestLudus.operator());
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    @AfterEach
    void removeHandler() {
        SDK_LOGGER.removeHandler(capture);
    }

    @Test
    void signedCallsAuthenticateAndWarnOnce() {
        addEcdsaKey(KEY_ONE_ADDRESS, "[\"admin\"]");
        LudusClient client = builder().ecdsa(app.applicationId(), BigInteger.ONE).build();

        Verification first = client.auth().verify();
        Verification second = client.auth().verify();
        Application application = client.application().get();

        assertThat(first.method()).isEqualTo("ecdsa");
        assertThat(first.subject()).isEqualTo(KEY_ONE_ADDRESS);
        assertThat(first.applicationId()).isEqualTo(app.applicationId());
        assertThat(first.scopes()).containsExactly("admin");
        assertThat(second.tokenId()).as("a fresh nonce per request").isNotEqualTo(first.tokenId());
        assertThat(application.id()).isEqualTo(app.applicationId());
        assertThat(client.ecdsaKeys().list()).singleElement().satisfies(key -> assertThat(key.lastUsedAt())
                .as("the key's last signed request").isEqualTo(shared.ludus().clock().instant()));
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0).getLevel()).isEqualTo(java.util.logging.Level.WARNING);
        assertThat(warnings.get(0).getMessage()).contains("deprecated");
    }

    @Test
    void signsBodiesAndHexKeys() {
        LegacySigner signer = LegacySigner.random();
        addEcdsaKey(signer.address(), "[\"admin\"]");
        LudusClient client = builder().ecdsa(app.applicationId(), "0x" + signer.privateKeyHex()).build();

        Application renamed = client.application().update(ApplicationChanges.builder().name("Signed").build());

        assertThat(renamed.name()).isEqualTo("Signed");
        assertThat(client.auth().verify().subject()).isEqualTo(signer.address());
    }

    @Test
    void unregisteredKeyMapsToInvalidSignature() {
        LudusClient client = builder().ecdsa(app.applicationId(), BigInteger.TWO).build();

        assertThatThrownBy(() -> client.auth().verify())
                .isInstanceOfSatisfying(LudusException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.error()).isEqualTo("invalid_signature");
                    assertThat(e.requestId()).isPresent();
                });
    }

    @Test
    void refusesKeysOutsideTheCurve() {
        assertThatThrownBy(() -> builder().ecdsa(app.applicationId(), BigInteger.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder().ecdsa(app.applicationId(), "not hex"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
