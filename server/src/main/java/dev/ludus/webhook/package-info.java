/**
 * Webhooks after the Standard Webhooks specification: endpoints and their {@code whsec_} secrets
 * ({@link dev.ludus.webhook.WebhookService}), the transactional outbox that writes a message in the
 * same transaction as the change it reports ({@link dev.ludus.webhook.Outbox}), signing
 * ({@link dev.ludus.webhook.WebhookSigner}), the guard against requests to private networks
 * ({@link dev.ludus.webhook.UrlGuard}), the dispatcher that delivers with retries
 * ({@link dev.ludus.webhook.Dispatcher}) and the routes under {@code /v1/webhooks}.
 */
package dev.ludus.webhook;
