-- The gamification engine, part 1: rules as data, users and their state, idempotency records.
-- Amounts (totals, values) are BIGINT millionths (dev.ludus.engine.Amount); instants are epoch
-- milliseconds; flags are 0/1 integers; JSON documents are TEXT.

-- One row per application: bumped by every rule change, read by every write to find stale caches.
CREATE TABLE rule_sets (
    application_id  VARCHAR(40)  NOT NULL PRIMARY KEY REFERENCES applications (id),
    version         BIGINT       NOT NULL
);

-- Metrics, points systems and achievements; definition is the rule's JSON (see docs/rules.md).
-- An archived rule keeps its row (history stays) and no longer applies.
CREATE TABLE rules (
    application_id  VARCHAR(40)  NOT NULL REFERENCES applications (id),
    kind            VARCHAR(16)  NOT NULL,
    rule_key        VARCHAR(64)  NOT NULL,
    definition      TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    archived_at     BIGINT,
    PRIMARY KEY (application_id, kind, rule_key)
);

CREATE TABLE users (
    application_id  VARCHAR(40)  NOT NULL REFERENCES applications (id),
    user_id         VARCHAR(255) NOT NULL,
    name            VARCHAR(200),
    email           VARCHAR(320),
    timezone        VARCHAR(64),
    attributes      TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, user_id)
);

CREATE TABLE user_metrics (
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    metric          VARCHAR(64)  NOT NULL,
    total           BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, user_id, metric),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

-- progress: JSON object of units accumulated per metric trigger (millionths).
CREATE TABLE user_points (
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    system_key      VARCHAR(64)  NOT NULL,
    balance         BIGINT       NOT NULL,
    progress        TEXT         NOT NULL,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, user_id, system_key),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

CREATE TABLE user_achievements (
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    achievement     VARCHAR(64)  NOT NULL,
    unlocked_at     BIGINT       NOT NULL,
    backfilled      INTEGER      NOT NULL,
    PRIMARY KEY (application_id, user_id, achievement),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

CREATE INDEX user_achievements_key ON user_achievements (application_id, achievement);

-- The first answer to a request sent with an Idempotency-Key, replayed for the same key.
CREATE TABLE idempotency_keys (
    application_id  VARCHAR(40)  NOT NULL REFERENCES applications (id),
    idem_key        VARCHAR(255) NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    request_hash    VARCHAR(64)  NOT NULL,
    status          INTEGER      NOT NULL,
    response        TEXT         NOT NULL,
    created_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, idem_key)
);

CREATE INDEX idempotency_keys_user ON idempotency_keys (application_id, user_id);
