-- Webhooks: endpoints with their signing secrets, and the transactional outbox. A message is
-- written in the same transaction as the change it reports; each subscribed endpoint gets a
-- delivery (its retry state), and every HTTP attempt of a delivery is logged. Instants are epoch
-- milliseconds; flags are 0/1 integers.

-- event_types: the subscribed types, space-separated. disabled_reason/disabled_at are set while
-- the endpoint is disabled (by PATCH, a 410, or failing for 5 days). failing_since: the first
-- failed attempt since the last success, NULL while the endpoint succeeds.
CREATE TABLE webhook_endpoints (
    id               VARCHAR(40)   NOT NULL PRIMARY KEY,
    application_id   VARCHAR(40)   NOT NULL REFERENCES applications (id),
    url              VARCHAR(2048) NOT NULL,
    description      VARCHAR(500),
    event_types      VARCHAR(1000) NOT NULL,
    enabled          INTEGER       NOT NULL,
    disabled_reason  VARCHAR(500),
    disabled_at      BIGINT,
    failing_since    BIGINT,
    created_at       BIGINT        NOT NULL,
    updated_at       BIGINT        NOT NULL
);

CREATE INDEX webhook_endpoints_application ON webhook_endpoints (application_id, id);

-- The HMAC key is the base64 part of the whsec_ secret, so the secret is kept as issued (as API
-- secrets are, docs/adr/0002). expires_at is NULL for the current secret, set for one in its grace period.
CREATE TABLE webhook_secrets (
    id           VARCHAR(40)  NOT NULL PRIMARY KEY,
    endpoint_id  VARCHAR(40)  NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    secret       VARCHAR(100) NOT NULL,
    created_at   BIGINT       NOT NULL,
    expires_at   BIGINT
);

CREATE INDEX webhook_secrets_endpoint ON webhook_secrets (endpoint_id);

-- Bumped with every endpoint change, in the same transaction, so that each node's cache of an
-- application's subscriptions knows when it is stale (as rule_sets does for rules).
CREATE TABLE webhook_versions (
    application_id  VARCHAR(40) NOT NULL PRIMARY KEY,
    version         BIGINT      NOT NULL
);
