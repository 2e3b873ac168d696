-- GET /v1/users: the columns and indexes its searches and sorts use (see docs/users.md).

-- When Ludus last received an event for the user; their creation until the first one.
ALTER TABLE users ADD COLUMN last_active_at BIGINT NOT NULL DEFAULT 0;

UPDATE users SET last_active_at = COALESCE((SELECT e.received_at FROM events e
    WHERE e.application_id = users.application_id AND e.user_id = users.user_id
    ORDER BY e.seq DESC LIMIT 1), created_at);

-- sort=created_at and sort=last_active_at, newest first, ties by user id.
CREATE INDEX users_created ON users (application_id, created_at, user_id);
CREATE INDEX users_last_active ON users (application_id, last_active_at, user_id);

-- sort=balance:<system>, highest first, ties by user id.
CREATE INDEX user_points_balance ON user_points (application_id, system_key, balance, user_id);

-- The profile attributes, one row each, kept with the profile: attribute=name:value.
CREATE TABLE user_attributes (
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    name            VARCHAR(64)  NOT NULL,
    value           VARCHAR(500) NOT NULL,
    PRIMARY KEY (application_id, user_id, name),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

CREATE INDEX user_attributes_value ON user_attributes (application_id, name, value, user_id);
