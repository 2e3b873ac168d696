package dev.ludus.tenancy;

import dev.ludus.auth.AuthException;
import dev.ludus.secrets.Secrets;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Optional;

/** Guards {@code /admin/} with {@code Authorization: Bearer <operator key>}, compared in constant time. */
public final class OperatorFilter implements Filter {

    private static final String PREFIX = "/admin/";

    private final OperatorKey key;
    private final MeterRegistry registry;

    public OperatorFilter(OperatorKey key, MeterRegistry registry) {
        this.key = key;
        this.registry = registry;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (request.path().path().startsWith(PREFIX)) {
            Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
            if (header.isEmpty() || header.get().isBlank()) {
                fail("no_credentials");
                throw AuthException.noCredentials("the operator API needs 'Authorization: Bearer <operator key>'");
            }
            String value = header.get().strip();
            boolean bearer = value.length() > 7 && value.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ");
            if (!bearer || !Secrets.constantTimeEquals(value.substring(7).strip(), key.value())) {
                fail("invalid_token");
                throw AuthException.invalidToken("the operator key is wrong; see LUDUS_ADMIN_KEY or the admin.key file");
            }
        }
        chain.proceed();
    }

    private void fail(String error) {
        registry.counter("ludus.operator.auth.failures", "error", error).increment();
    }
}
