-- The webhook outbox (see common/V11__webhooks.sql for the endpoints): the tables with a sequence
-- number, whose column type is the only difference between SQLite and PostgreSQL.

-- Records about endpoints that applications can list: webhook.endpoint_disabled.
CREATE TABLE webhook_notices (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              VARCHAR(40)  NOT NULL UNIQUE,
    application_id  VARCHAR(40)  NOT NULL,
    endpoint_id     VARCHAR(40)  NOT NULL,
    type            VARCHAR(64)  NOT NULL,
    url             VARCHAR(2048) NOT NULL,
    reason          VARCHAR(500) NOT NULL,
    created_at      BIGINT       NOT NULL
);

CREATE INDEX webhook_notices_application ON webhook_notices (application_id, seq);

-- The outbox. id is the webhook-id header (msg_...); seq is commit order within a user's writes.
-- user_id is NULL for messages about no user (webhook.ping, leaderboard.period_finished).
CREATE TABLE webhook_messages (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    id              VARCHAR(40)  NOT NULL UNIQUE,
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255),
    type            VARCHAR(64)  NOT NULL,
    payload         TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL
);

CREATE INDEX webhook_messages_application ON webhook_messages (application_id, created_at);

-- One message to one endpoint. status: pending (to be attempted at next_attempt_at), succeeded or
-- failed (the schedule ran out, or a one-shot ping failed). user_key orders a user's deliveries
-- (the empty string for messages about no user). claimed_by/claimed_until: the node attempting it.
CREATE TABLE webhook_deliveries (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    message_seq      BIGINT       NOT NULL REFERENCES webhook_messages (seq) ON DELETE CASCADE,
    endpoint_id      VARCHAR(40)  NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    user_key         VARCHAR(255) NOT NULL,
    status           VARCHAR(10)  NOT NULL,
    attempts         INTEGER      NOT NULL,
    next_attempt_at  BIGINT       NOT NULL,
    claimed_by       VARCHAR(40),
    claimed_until    BIGINT,
    created_at       BIGINT       NOT NULL
);

CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at, seq);
CREATE INDEX webhook_deliveries_line ON webhook_deliveries (endpoint_id, user_key, status, seq);

-- Every HTTP attempt. outcome: succeeded, pending (a retry is scheduled at next_attempt_at) or
-- failed (none will follow). response: at most 1 KiB of the answer's body, or what went wrong.
CREATE TABLE webhook_attempts (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_seq     BIGINT       NOT NULL REFERENCES webhook_deliveries (seq) ON DELETE CASCADE,
    endpoint_id      VARCHAR(40)  NOT NULL,
    attempt          INTEGER      NOT NULL,
    outcome          VARCHAR(10)  NOT NULL,
    http_status      INTEGER,
    latency_ms       BIGINT       NOT NULL,
    response         VARCHAR(1100),
    attempted_at     BIGINT       NOT NULL,
    next_attempt_at  BIGINT
);

CREATE INDEX webhook_attempts_endpoint ON webhook_attempts (endpoint_id, seq);
