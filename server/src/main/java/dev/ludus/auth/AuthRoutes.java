package dev.ludus.auth;

import com.nimbusds.jose.JWSObject;
import dev.ludus.audit.Actor;
import dev.ludus.http.ApiException;
import dev.ludus.http.Json;
import dev.ludus.http.JsonBody;
import dev.ludus.http.RouteTable;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code GET /v1/auth/verify} and {@code POST /v1/auth/revocations}. */
public final class AuthRoutes {

    private static final Set<String> REVOCATION_MEMBERS = Set.of("jti", "token", "subject", "all");

    private final AuthFilter auth;
    private final RevocationService revocations;
    private final Json json;
    private final Clock clock;

    public AuthRoutes(AuthFilter auth, RevocationService revocations, Json json, Clock clock) {
        this.auth = auth;
        this.revocations = revocations;
        this.json = json;
        this.clock = clock;
    }

    public void register(RouteTable routes) {
        routes.get("/v1/auth/verify", this::verify);
        routes.post("/v1/auth/revocations", auth.require(Scope.ADMIN, this::revoke));
    }

    /** The answer of {@code /v1/auth/verify}. */
    record Verification(boolean authenticated, String method, String tenantId, String applicationId,
            String subject, List<String> scopes, Instant issuedAt, Instant expiresAt, String tokenId) { }

    /** The answer of a revocation. */
    record Revocation(String revoked, String applicationId, String jti, String subject, Instant issuedBefore,
            Instant until) { }

    private void verify(ServerRequest request, ServerResponse response) {
        Principal principal = AuthFilter.principal(request);
        List<String> scopes = principal.scopes().stream().sorted().map(Scope::wireName).toList();
        json.send(response, 200, new Verification(true, principal.method().wireName(), principal.tenantId(),
                principal.applicationId(), principal.subject(), scopes, principal.issuedAt(), principal.expiresAt(),
                principal.tokenId().orElse(null)));
    }

    private void revoke(ServerRequest request, ServerResponse response) {
        Principal principal = AuthFilter.principal(request);
        String applicationId = principal.applicationId();
        JsonBody body = json.body(request).allowOnly(REVOCATION_MEMBERS);
        long given = REVOCATION_MEMBERS.stream().filter(body::has).count();
        if (given != 1) {
            throw ApiException.badRequest("give exactly one of 'jti', 'token', 'subject' or 'all'");
        }
        Revocation answer;
        if (body.has("all")) {
            if (!body.bool("all").orElse(false)) {
                throw ApiException.invalidField("all", "'all' must be true");
            }
            long notBefore = revocations.revokeAll(AuthFilter.actor(request), applicationId);
            answer = new Revocation("application", applicationId, null, null, Instant.ofEpochSecond(notBefore), null);
        } else if (body.has("subject")) {
            String subject = body.requiredString("subject", RevocationService.MAX_ID_LENGTH);
            long notBefore = revocations.revokeSubject(AuthFilter.actor(request), applicationId, subject);
            answer = new Revocation("subject", applicationId, null, subject, Instant.ofEpochSecond(notBefore), null);
        } else if (body.has("jti")) {
            String jti = body.requiredString("jti", RevocationService.MAX_ID_LENGTH);
            long until = revocations.revokeTokenId(AuthFilter.actor(request), applicationId, jti);
            answer = new Revocation("token", applicationId, jti, null, null, Instant.ofEpochSecond(until));
        } else {
            answer = revokePresentedToken(AuthFilter.actor(request), applicationId, body.requiredString("token", ApplicationLimits.MAX_TOKEN_BYTES));
        }
        json.send(response, 200, answer);
    }

    /** Revokes a token given whole: it must be one of this application's and carry a {@code jti}. */
    private Revocation revokePresentedToken(Actor actor, String applicationId, String token) {
        Map<String, Object> claims;
        try {
            claims = JWSObject.parse(token).getPayload().toJSONObject();
        } catch (ParseException e) {
            throw ApiException.invalidField("token", "'token' is not a JWT");
        }
        Object audience = claims == null ? null : claims.get("aud");
        if (!applicationId.equals(audience) && !List.of(applicationId).equals(audience)) {
            throw ApiException.invalidField("token", "'token' is not a token of this application");
        }
        if (!(claims.get("jti") instanceof String jti) || jti.isEmpty()) {
            throw ApiException.invalidField("token",
                    "'token' has no 'jti' to revoke it by; revoke its 'subject' instead");
        }
        long until = claims.get("exp") instanceof Number exp && exp.longValue() > 0
                ? exp.longValue()
                : clock.instant().getEpochSecond() + ApplicationLimits.MAX_TOKEN_LIFETIME_SECONDS;
        revocations.revokeToken(actor, applicationId, jti, until);
        return new Revocation("token", applicationId, jti, null, null, Instant.ofEpochSecond(until));
    }
}
