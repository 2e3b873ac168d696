-- Streaks: each user's standing per streak, and the history of the periods that settled.
-- state is the JSON of dev.ludus.engine.StreakState (period, totals, freezes...); current_length
-- and longest are copied out of it for queries. Instants are epoch milliseconds.
CREATE TABLE user_streaks (
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    streak          VARCHAR(64)  NOT NULL,
    current_length  INTEGER      NOT NULL,
    longest         INTEGER      NOT NULL,
    state           TEXT         NOT NULL,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, user_id, streak),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

-- result: met (the conditions held; length is the run after it), frozen (a freeze covered it) or
-- missed (the run of length ended there). first_day is the local date the period started on, in zone.
CREATE TABLE streak_periods (
    application_id  VARCHAR(40)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    streak          VARCHAR(64)  NOT NULL,
    period_start    BIGINT       NOT NULL,
    period_end      BIGINT       NOT NULL,
    first_day       VARCHAR(10)  NOT NULL,
    zone            VARCHAR(64)  NOT NULL,
    result          VARCHAR(8)   NOT NULL,
    length          INTEGER      NOT NULL,
    recorded_at     BIGINT       NOT NULL,
    PRIMARY KEY (application_id, user_id, streak, period_start),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);
