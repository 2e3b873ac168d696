package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import org.junit.jupiter.api.Test;

/** Keeps {@link Example} working. */
class ExampleTest {

    @Test
    void describesTheClientsIdentityAndItsRefusals() {
        try (TestLudus server = TestLudus.start()) {
            TestApp app = server.createApp();
            LudusClient good = LudusClient.builder().baseUrl(server.baseUrl())
                    .clientCredentials(app.clientId(), app.clientSecret()).build();
            LudusClient bad = LudusClient.builder().baseUrl(server.baseUrl())
                    .clientCredentials(app.clientId(), "cs_wrong").build();

            assertThat(Example.describe(good)).isEqualTo("authenticated by auth_token as " + app.clientId()
                    + " with [users:read, users:write]");
            assertThat(Example.describe(bad)).startsWith("refused: invalid_client (request id ");
        }
    }
}
