package dev.ludus.webhook;

import dev.ludus.audit.AuditLog;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The audit log's entries of webhook changes. An endpoint's URL shows as its scheme and host only:
 * its path or query may carry a token (a chat service's incoming-hook URL does).
 */
final class WebhookAudit {

    static final String TARGET = "webhook_endpoint";

    private WebhookAudit() {
    }

    static AuditLog.Change created(Endpoint endpoint) {
        return change(endpoint, "webhook.created", "created an endpoint at " + origin(endpoint.url()) + " for "
                + types(endpoint));
    }

    /** The fields that differ between {@code before} and {@code after}; empty when none. */
    static Optional<AuditLog.Change> updated(Endpoint before, Endpoint after) {
        List<String> changed = new ArrayList<>();
        if (!before.url().equals(after.url())) {
            changed.add("url to " + origin(after.url()));
        }
        if (!before.eventTypes().equals(after.eventTypes())) {
            changed.add("event_types to " + types(after));
        }
        if (!before.description().equals(after.description())) {
            changed.add("description");
        }
        if (before.enabled() != after.enabled()) {
            changed.add("enabled to " + after.enabled());
        }
        return changed.isEmpty() ? Optional.empty()
                : Optional.of(change(after, "webhook.updated", "changed " + String.join(", ", changed)));
    }

    static AuditLog.Change deleted(String applicationId, String id) {
        return AuditLog.Change.ofApplication(applicationId, "webhook.deleted", TARGET, id, "deleted the endpoint");
    }

    static AuditLog.Change secretRotated(Endpoint endpoint, Optional<Instant> previousExpiresAt) {
        return change(endpoint, "webhook.secret_rotated", "rotated the signing secret; "
                + previousExpiresAt.map(at -> "the previous one keeps signing until " + at)
                        .orElse("the previous one stopped signing at once"));
    }

    static AuditLog.Change replayed(String applicationId, String id, int count, String what) {
        return AuditLog.Change.ofApplication(applicationId, "webhook.replayed", TARGET, id,
                "queued " + count + " message" + (count == 1 ? "" : "s") + " again (" + what + ")");
    }

    private static AuditLog.Change change(Endpoint endpoint, String action, String summary) {
        return AuditLog.Change.ofApplication(endpoint.applicationId(), action, TARGET, endpoint.id(), summary);
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static String types(Endpoint endpoint) {
        return String.join(" ", endpoint.eventTypes().stream().map(EventType::wireName).sorted().toList());
    }
}
