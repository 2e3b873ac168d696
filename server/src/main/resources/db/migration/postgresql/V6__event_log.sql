-- Events and the points history, in commit order (seq). Deleting a user deletes both.
CREATE TABLE events (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              VARCHAR(40)  NOT NULL UNIQUE,
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    metric          VARCHAR(64)  NOT NULL,
    value           BIGINT       NOT NULL,
    occurred_at     BIGINT       NOT NULL,
    received_at     BIGINT       NOT NULL,
    attributes      TEXT         NOT NULL,
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

CREATE INDEX events_user ON events (application_id, user_id, seq);

-- source: event, achievement or adjustment; reference: the event id or achievement key.
CREATE TABLE points_ledger (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    system_key      VARCHAR(64)  NOT NULL,
    amount          BIGINT       NOT NULL,
    balance         BIGINT       NOT NULL,
    source          VARCHAR(16)  NOT NULL,
    reference       VARCHAR(255),
    reason          VARCHAR(500),
    created_at      BIGINT       NOT NULL,
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

CREATE INDEX points_ledger_user ON points_ledger (application_id, user_id, system_key, seq);
