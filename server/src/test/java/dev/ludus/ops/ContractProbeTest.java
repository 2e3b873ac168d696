package dev.ludus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ludus.testing.Contract;
import dev.ludus.testing.Http;
import dev.ludus.testing.LudusServer;
import dev.ludus.testing.TestApp;
import dev.ludus.testing.TestLudus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sends every operation of openapi.yaml the wrong inputs a client gets wrong first (no credentials,
 * a body that is not JSON, a page size out of range, ids that do not exist), through the checking
 * {@link Http} client: each answer must be one the operation documents. The suite's other tests
 * cover the right inputs.
 */
class ContractProbeTest {

    @RegisterExtension
    static final LudusServer server = new LudusServer();

    private static final Set<String> METHODS = Set.of("get", "put", "post", "patch", "delete");

    private record Operation(String method, String template) {
        String path() {
            return template.replaceAll("\\{[^}]+}", "nosuch_1");
        }

        boolean operator() {
            return template.startsWith("/admin/");
        }

        boolean writes() {
            return !method.equals("GET") && !method.equals("DELETE");
        }
    }

    private static List<Operation> operations() {
        List<Operation> operations = new ArrayList<>();
        Contract.served().document().path("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(operation -> {
                    if (METHODS.contains(operation.getKey())) {
                        operations.add(new Operation(operation.getKey().toUpperCase(Locale.ROOT), path.getKey()));
                    }
                }));
        return operations;
    }

    private static void forEachOperation(Consumer<Operation> probe) {
        List<Operation> operations = operations();
        assertThat(operations).hasSizeGreaterThan(50);
        operations.forEach(probe);
    }

    private static String[] credentials(Operation operation, TestApp app) {
        if (operation.operator()) {
            return TestLudus.operator();
        }
        if (operation.template().startsWith("/oauth/") || operation.template().equals("/v1/auth_token")
                && operation.method().equals("POST")) {
            return app.basic();
        }
        return Http.bearer(app.tokenWith("admin"));
    }

    @Test
    void answersWithoutCredentialsAreDocumented() {
        forEachOperation(operation -> server.http().send(operation.method(), operation.path(),
                operation.writes() ? "{}" : null));
    }

    @Test
    void answersToABodyThatIsNotJsonAreDocumented() {
        TestApp app = server.ludus().createApp();
        forEachOperation(operation -> {
            if (operation.writes()) {
                server.http().send(operation.method(), operation.path(), "{\"unterminated\":", credentials(operation, app));
            }
        });
    }

    @Test
    void answersToUnknownMembersAndNonObjectBodiesAreDocumented() {
        TestApp app = server.ludus().createApp();
        forEachOperation(operation -> {
            if (operation.writes() && !operation.template().startsWith("/oauth/")) {
                server.http().send(operation.method(), operation.path(), "{\"no_such_member\":1}", credentials(operation, app));
                server.http().send(operation.method(), operation.path(), "[1]", credentials(operation, app));
            }
        });
    }

    @Test
    void answersToATokenWithoutTheScopeAreDocumented() {
        TestApp app = server.ludus().createApp();
        forEachOperation(operation -> {
            if (operation.template().startsWith("/v1/") && !operation.template().equals("/v1/auth_token")) {
                server.http().send(operation.method(), operation.path(), operation.writes() ? "{}" : null,
                        Http.bearer(app.tokenWith("read")));
            }
        });
    }

    @Test
    void answersToUnknownIdsAreDocumented() {
        TestApp app = server.ludus().createApp();
        forEachOperation(operation -> server.http().send(operation.method(), operation.path(),
                operation.writes() ? "{}" : null, credentials(operation, app)));
    }

    @Test
    void answersToPageSizesOutOfRangeAreDocumented() {
        TestApp app = server.ludus().createApp();
        JsonNode paths = Contract.served().document().path("paths");
        forEachOperation(operation -> {
            if (operation.method().equals("GET") && paths.path(operation.template()).toString().contains("/Limit\"")) {
                for (String limit : List.of("0", "101", "x")) {
                    Http.Answer answer = server.http().get(operation.path() + "?limit=" + limit, credentials(operation, app));
                    assertThat(answer.status()).as(operation + " limit=" + limit).isIn(400, 404);
                }
            }
        });
    }

    @Test
    void answersToAnEmptyFormAreDocumented() {
        TestApp app = server.ludus().createApp();
        for (String path : List.of("/oauth/token", "/oauth/revoke", "/oauth/introspect")) {
            server.http().form(path, "", app.basic());
            server.http().form(path, "grant_type=client_credentials&token=x");
            server.http().post(path, "{}", app.basic());
        }
    }
}
