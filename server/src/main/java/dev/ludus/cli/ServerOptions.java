package dev.ludus.cli;

import dev.ludus.config.LudusConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options of the commands that talk to a running server through its API ({@code apply},
 * {@code export}): where it is, and the admin token, given or minted from the application's
 * credentials. The token and the API secret are never printed.
 */
final class ServerOptions {

    @Option(names = "--url", description = "server URL (default http://localhost:<port>)")
    String url;

    @Option(names = "--port", description = "the server's HTTP port for the default URL, as for serve "
            + "(LUDUS_PORT, default 8080)")
    String port;

    @Option(names = "--token", description = "an admin token of the application (LUDUS_TOKEN; prefer the variable)")
    String token;

    @Option(names = "--tenant", description = "tenant id, to mint a short-lived admin token with the API secret "
            + "(LUDUS_TENANT_ID)")
    String tenant;

    @Option(names = "--application", description = "application id (LUDUS_APPLICATION_ID)")
    String application;

    @Option(names = "--api-secret", description = "the application's API secret (LUDUS_API_SECRET; prefer the variable)")
    String apiSecret;

    /** The server's base URL: {@code --url}, else {@code http://localhost:} and the port of {@link #serverPort}. */
    String base(Map<String, String> environment) {
        return url != null ? url.replaceAll("/+$", "") : "http://localhost:" + serverPort(environment);
    }

    /** The port from the same settings as {@code serve}: {@code --port}, else {@code LUDUS_PORT}, else 8080. */
    int serverPort(Map<String, String> environment) {
        Map<String, String> variables = new java.util.HashMap<>(environment);
        if (port != null) {
            variables.put(LudusConfig.PORT, port);
        }
        return LudusConfig.from(variables).port();
    }

    /**
     * The bearer token: {@code --token}, or one minted from {@code --tenant}, {@code --application} and
     * {@code --api-secret} (each falling back to its variable), or else {@code LUDUS_TOKEN}, or else a
     * token minted from the three variables.
     */
    String bearer(Map<String, String> environment, String subject, Duration lifetime) {
        boolean credentialFlags = tenant != null || application != null || apiSecret != null;
        if (token != null) {
            if (credentialFlags) {
                throw new CliException("give either --token or --tenant, --application and the API secret, not both");
            }
            return nonBlank(token, "--token");
        }
        if (!credentialFlags && present(environment.get("LUDUS_TOKEN"))) {
            return environment.get("LUDUS_TOKEN").strip();
        }
        String tenantId = firstPresent(tenant, environment.get("LUDUS_TENANT_ID"));
        String applicationId = firstPresent(application, environment.get("LUDUS_APPLICATION_ID"));
        String secret = firstPresent(apiSecret, environment.get("LUDUS_API_SECRET"));
        if (tenantId == null && applicationId == null && secret == null) {
            throw new CliException("no credentials: pass an admin token with --token (or LUDUS_TOKEN), or --tenant, "
                    + "--application and the API secret in LUDUS_API_SECRET to mint one");
        }
        List<String> missing = new ArrayList<>();
        if (tenantId == null) {
            missing.add("--tenant (LUDUS_TENANT_ID)");
        }
        if (applicationId == null) {
            missing.add("--application (LUDUS_APPLICATION_ID)");
        }
        if (secret == null) {
            missing.add("--api-secret (LUDUS_API_SECRET)");
        }
        if (!missing.isEmpty()) {
            throw new CliException("to mint an admin token, also give " + String.join(" and ", missing));
        }
        return TokenMinter.mint(tenantId.strip(), applicationId.strip(), secret.strip(), subject, List.of("admin"),
                lifetime);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    private static String firstPresent(String flag, String variable) {
        return present(flag) ? flag : present(variable) ? variable : null;
    }

    private static String nonBlank(String value, String name) {
        if (!present(value)) {
            throw new CliException(name + " is empty");
        }
        return value.strip();
    }
}
