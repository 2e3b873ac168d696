package dev.ludus;

import dev.ludus.events.ChangeListener;
import dev.ludus.http.RouteTable;
import dev.ludus.store.GroupCommit;
import dev.ludus.webhook.AttemptCounter;
import dev.ludus.webhook.WebhookListener;
import dev.ludus.webhook.WebhookRoutes;
import dev.ludus.webhook.Webhooks;
import java.util.Optional;
import java.util.function.Consumer;

/** Webhooks: endpoints, the outbox written by a listener on every applied change, and the dispatcher. */
record WebhookFeature(Webhooks webhooks, Consumer<RouteTable> routes) {

    /**
     * @param attempts what counts each logged delivery attempt (the usage figures)
     * @param writers the event writers: on SQLite the dispatcher writes on them too
     */
    static WebhookFeature assemble(Platform platform, AccessFeature access, AttemptCounter attempts,
            GroupCommit writers, Closer closer) {
        var config = platform.config();
        Webhooks webhooks = closer.add("the webhook dispatcher", Webhooks.start(platform.jdbi(), !platform.sqlite(),
                config.webhookAllowPrivate(), config.webhookTimeout(), config.webhookConcurrency(),
                config.webhookEndpointConcurrency(), config.webhookMaxLag(), platform.secrets(),
                platform.json(), platform.clock(), attempts,
                platform.sqlite() ? Optional.of(writers) : Optional.empty())).bindTo(platform.registry());
        return new WebhookFeature(webhooks, new WebhookRoutes(webhooks, access.auth(), platform.json())::register);
    }

    /** Writes the messages of every applied change; after the leaderboard's listener, whose rank changes it reads. */
    ChangeListener listener() {
        return new WebhookListener(webhooks.outbox());
    }
}
