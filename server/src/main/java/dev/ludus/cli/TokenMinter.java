package dev.ludus.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Mints application tokens exactly as spec 000 describes, for the CLI's {@code init} and {@code token}. */
final class TokenMinter {

    private TokenMinter() {
    }

    static String mint(String tenantId, String applicationId, String apiSecret, String subject, List<String> scopes,
            Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(tenantId)
                .audience(applicationId)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString());
        if (!scopes.isEmpty()) {
            claims.claim("scope", scopes);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new MACSigner(apiSecret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new CliException("cannot sign with that API secret: " + e.getMessage());
        }
        return jwt.serialize();
    }
}
