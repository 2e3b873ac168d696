package dev.ludus.client;

import java.time.Instant;

/**
 * A recorded revocation ({@code POST /v1/auth/revocations}).
 *
 * @param revoked {@code token}, {@code subject} or {@code application}
 * @param issuedBefore for {@code subject} and {@code application}: tokens issued before it are refused
 * @param until for {@code token}: how long the revocation is kept
 */
public record Revocation(String revoked, String applicationId, String jti, String subject, Instant issuedBefore,
        Instant until) { }
