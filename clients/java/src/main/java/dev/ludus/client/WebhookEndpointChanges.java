package dev.ludus.client;

import java.util.List;

/**
 * A change of a webhook endpoint ({@code PATCH /v1/webhooks/{id}}); a null member keeps its value.
 * Build one with {@link #builder()}.
 *
 * @param enabled true enables a disabled endpoint again: its pending deliveries resume
 */
public record WebhookEndpointChanges(String url, List<WebhookEventType> eventTypes, String description,
        Boolean enabled) {

    public WebhookEndpointChanges {
        eventTypes = eventTypes == null ? null : List.copyOf(eventTypes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects the members to change. */
    public static final class Builder {
        private String url;
        private List<WebhookEventType> eventTypes;
        private String description;
        private Boolean enabled;

        private Builder() { }

        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder eventTypes(WebhookEventType... eventTypes) {
            this.eventTypes = List.of(eventTypes);
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        public WebhookEndpointChanges build() {
            return new WebhookEndpointChanges(url, eventTypes, description, enabled);
        }
    }
}
