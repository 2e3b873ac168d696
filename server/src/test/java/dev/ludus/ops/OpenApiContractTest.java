package dev.ludus.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.ludus.http.RouteTable;
import dev.ludus.testing.TestLudus;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The hand-written contract documents every route the server registers, and nothing it does not serve. */
class OpenApiContractTest {

    @Test
    void everyRouteIsDocumentedAndEveryDocumentedRouteExists() throws IOException {
        JsonNode paths;
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
            paths = new ObjectMapper(new YAMLFactory()).readTree(in).path("paths");
        }
        Set<String> documented = new TreeSet<>();
        paths.properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (Set.of("get", "put", "post", "patch", "delete").contains(operation.getKey())) {
                documented.add(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
            }
        }));

        Set<String> registered = new TreeSet<>();
        try (TestLudus ludus = TestLudus.start()) {
            for (RouteTable.Route route : ludus.ludus().routes()) {
                registered.add(route.method() + " " + route.pattern());
            }
        }

        assertThat(registered).isNotEmpty();
        assertThat(documented).as("routes in openapi.yaml").containsExactlyInAnyOrderElementsOf(registered);
    }
}
