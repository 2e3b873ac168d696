package dev.ludus.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ludus.config.LudusConfig;
import dev.ludus.tenancy.OperatorKey;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ludus init}: creates a tenant and an application on the running server through the
 * operator API (finding the server and the operator key from the same settings as {@code serve}),
 * then prints the credentials, a token for a sample user, a ready {@code curl}, and the console's
 * address with where the operator key that signs in to it is.
 */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a tenant and an application on the running server and print working credentials.")
final class InitCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions options = new ConfigOptions();

    @Option(names = "--url", description = "server URL (default http://localhost:<port>, https:// when LUDUS_TLS_CERT is set)")
    String url;

    @Option(names = "--tenant-name", defaultValue = "My tenant", description = "tenant name (default ${DEFAULT-VALUE})")
    String tenantName;

    @Option(names = "--app-name", defaultValue = "My application",
            description = "application name (default ${DEFAULT-VALUE})")
    String appName;

    // Made when the command runs: picocli builds every subcommand for every command line, and an
    // HTTP client costs a third of a second of `serve`'s start-up.
    private ObjectMapper mapper;
    private HttpClient http;

    @Override
    public Integer call() throws Exception {
        mapper = new ObjectMapper();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        LudusConfig config = options.resolve(System.getenv());
        String base = url != null ? url.replaceAll("/+$", "")
                : (config.tls().enabled() ? "https" : "http") + "://localhost:" + config.port();
        String keyLocation = config.adminKey().isPresent() ? "the value of LUDUS_ADMIN_KEY"
                : "the file " + config.dataDir().resolve(OperatorKey.FILE_NAME).toAbsolutePath().normalize();
        String operatorKey = config.adminKey().or(() -> OperatorKey.readExisting(config.dataDir()))
                .orElseThrow(() -> new CliException("no operator key: set LUDUS_ADMIN_KEY or start the server once so that it writes "
                        + config.dataDir().resolve(OperatorKey.FILE_NAME)));

        JsonNode tenant = post(base + "/admin/v1/tenants", operatorKey, Map.of("name", tenantName));
        String tenantId = tenant.path("id").asText();
        JsonNode app = post(base + "/admin/v1/tenants/" + tenantId + "/applications", operatorKey,
                Map.of("name", appName));
        String appId = app.path("id").asText();
        String apiSecret = app.path("api_secret").asText();
        String token = TokenMinter.mint(tenantId, appId, apiSecret, "user_123", List.of("read", "write"),
                Duration.ofHours(1));

        PrintStream out = System.out;
        out.println("Created tenant and application on " + base);
        out.println();
        out.println("  tenant id       " + tenantId);
        out.println("  application id  " + appId);
        out.println("  api secret      " + apiSecret);
        out.println("  client id       " + app.path("client_id").asText());
        out.println("  client secret   " + app.path("client_secret").asText());
        out.println();
        out.println("The secrets are shown only this once: keep them in your secret store.");
        out.println();
        out.println("A token for user_123 (scopes read, write; valid one hour):");
        out.println();
        out.println("  " + token);
        out.println();
        out.println("Try it:");
        out.println();
        out.println("  curl -s " + base + "/v1/auth/verify -H 'Authorization: Bearer " + token + "'");
        out.println();
        out.println("Mint more tokens with: LUDUS_API_SECRET=<api secret> ./ludus token --tenant " + tenantId
                + " --app " + appId + " --sub <user id>");
        out.println();
        out.println("The console: " + base + "/console");
        out.println();
        out.println("  Sign in with the operator key (" + keyLocation + "), then invite accounts under Accounts.");
        return 0;
    }

    private JsonNode post(String target, String operatorKey, Map<String, String> body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(target))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + operatorKey)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body)))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException("no Ludus server answers at " + target.replaceAll("/admin/.*", "")
                    + ": start it with './ludus serve' (or pass --url)");
        } catch (javax.net.ssl.SSLException e) {
            throw new CliException("no trusted HTTPS connection to " + target.replaceAll("/admin/.*", "") + " ("
                    + e.getMessage() + "): pass --url with the host name the certificate is for, and make sure the"
                    + " JDK trusts its issuer");
        }
        if (response.statusCode() != 201) {
            JsonNode problem = mapper.readTree(response.body().isEmpty() ? "{}" : response.body());
            throw new CliException("the server refused " + target + " with " + response.statusCode() + ": "
                    + problem.path("detail").asText(response.body()));
        }
        return mapper.readTree(response.body());
    }
}
