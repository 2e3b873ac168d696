-- The auth change feed: revocations and "application changed" notices, read by every node to keep
-- its in-memory caches current. seq orders the feed.
CREATE TABLE auth_events (
    seq             INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id  VARCHAR(40)  NOT NULL,
    kind            VARCHAR(32)  NOT NULL,
    subject         VARCHAR(256),
    jti             VARCHAR(256),
    not_before      BIGINT,
    expires_at      BIGINT       NOT NULL,
    created_at      BIGINT       NOT NULL
);

CREATE INDEX auth_events_expiry ON auth_events (expires_at);
