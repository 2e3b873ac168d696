-- Finished leaderboard periods that have been announced (leaderboard.period_finished): one row per
-- board and period, so that each is announced once, by one node, across restarts.
CREATE TABLE leaderboard_periods_finished (
    application_id  VARCHAR(40)  NOT NULL REFERENCES applications (id),
    leaderboard     VARCHAR(64)  NOT NULL,
    period          VARCHAR(16)  NOT NULL,
    announced_at    BIGINT       NOT NULL,
    PRIMARY KEY (application_id, leaderboard, period)
);
