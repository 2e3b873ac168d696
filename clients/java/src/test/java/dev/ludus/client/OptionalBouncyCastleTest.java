package dev.ludus.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.lang.reflect.InvocationTargetException;
import java.math.BigInteger;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * BouncyCastle is optional: the SDK's own classes plus Jackson, in a class loader without
 * BouncyCastle, serve an application-token client against a real server, and only {@code .ecdsa(...)}
 * asks for BouncyCastle.
 */
class OptionalBouncyCastleTest {

    private static URL jarOf(Class<?> type) {
        return type.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void applicationTokensWorkWithoutBouncyCastleAndEcdsaSaysWhatIsMissing() throws Exception {
        URL[] classpath = {jarOf(LudusClient.class), jarOf(ObjectMapper.class), jarOf(JsonFactory.class),
                jarOf(JsonInclude.class)};
        try (TestLudus server = TestLudus.start();
                URLClassLoader isolated = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            TestApp app = server.createApp();
            Class<?> clientType = isolated.loadClass(LudusClient.class.getName());
            assertThat(clientType).isNotSameAs(LudusClient.class);
            assertThatThrownBy(() -> isolated.loadClass("org.bouncycastle.crypto.digests.KeccakDigest"))
                    .isInstanceOf(ClassNotFoundException.class);

            Object builder = clientType.getMethod("builder").invoke(null);
            builder = builder.getClass().getMethod("baseUrl", String.class).invoke(builder, server.baseUrl());
            builder = builder.getClass().getMethod("clock", Clock.class).invoke(builder, server.clock());
            Object tokenBuilder = builder.getClass().getMethod("applicationToken", String.class, String.class, String.class)
                    .invoke(builder, app.tenantId(), app.applicationId(), app.apiSecret());
            Object client = tokenBuilder.getClass().getMethod("build").invoke(tokenBuilder);
            Object auth = clientType.getMethod("auth").invoke(client);
            Object verification = auth.getClass().getMethod("verify").invoke(auth);
            assertThat(verification.getClass().getMethod("method").invoke(verification)).isEqualTo("jwt");

            Object ecdsaBuilder = clientType.getMethod("builder").invoke(null);
            ecdsaBuilder = ecdsaBuilder.getClass().getMethod("baseUrl", String.class).invoke(ecdsaBuilder, server.baseUrl());
            ecdsaBuilder = ecdsaBuilder.getClass().getMethod("ecdsa", String.class, BigInteger.class)
                    .invoke(ecdsaBuilder, app.applicationId(), BigInteger.ONE);
            Object finalBuilder = ecdsaBuilder;
            assertThatThrownBy(() -> invoke(finalBuilder))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("bcprov-jdk18on");
        }
    }

    private static Object invoke(Object builder) throws Throwable {
        try {
            return builder.getClass().getMethod("build").invoke(builder);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
