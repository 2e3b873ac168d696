package dev.ludus.webhook;

import java.time.Instant;

/** A record about an endpoint, such as {@code webhook.endpoint_disabled}: what happened to which URL, why, when. */
public record EndpointNotice(long seq, String id, String type, String endpointId, String url, String reason,
        Instant createdAt) { }
