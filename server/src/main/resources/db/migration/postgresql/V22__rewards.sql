-- The rewards catalog (issue 20): a reward is a rule (kind 'reward' in the rules table); here are
-- its redemptions and the count of its units taken.

-- How many units of a reward are held (redemptions not cancelled). The row is the stock's lock: a
-- redemption takes a unit with one conditional upsert (taken < stock), so the last unit goes to
-- exactly one of any number of concurrent redemptions, on one node or many.
CREATE TABLE reward_stock (
    application_id  VARCHAR(40)  NOT NULL,
    reward          VARCHAR(64)  NOT NULL,
    taken           BIGINT       NOT NULL,
    PRIMARY KEY (application_id, reward)
);

-- One redemption: pending until the application marks it fulfilled or cancelled. Lists are newest
-- first by seq (ids are time ordered only to the millisecond).
CREATE TABLE redemptions (
    seq             BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id              VARCHAR(40)  NOT NULL UNIQUE,
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    reward          VARCHAR(64)  NOT NULL,
    points_system   VARCHAR(64)  NOT NULL,
    cost            BIGINT       NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

CREATE INDEX redemptions_user ON redemptions (application_id, user_id, seq);
CREATE INDEX redemptions_reward ON redemptions (application_id, reward, seq);
