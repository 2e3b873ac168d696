-- Leaderboard scores, per board and period: the truth that the ranking indexes (in memory or Redis)
-- are rebuilt from. period: 'all', a local date (day, first day of a week) or 'YYYY-MM' (month).
-- score: Amount millionths for metric boards, points for points boards, a length for streak boards.
-- reached_at (epoch ms) changes only when the score changes; version counts every change.
-- previous_rank: the rank held just before the latest change (NULL when it was the first).
CREATE TABLE leaderboard_scores (
    application_id  VARCHAR(40)  NOT NULL,
    leaderboard     VARCHAR(64)  NOT NULL,
    period          VARCHAR(16)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    score           BIGINT       NOT NULL,
    reached_at      BIGINT       NOT NULL,
    version         BIGINT       NOT NULL,
    previous_rank   BIGINT,
    updated_at      BIGINT       NOT NULL,
    PRIMARY KEY (application_id, leaderboard, period, user_id),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);

CREATE INDEX leaderboard_scores_order
    ON leaderboard_scores (application_id, leaderboard, period, score DESC, reached_at, user_id);

-- Deleting a user finds their scores (to take them out of the indexes) by user.
CREATE INDEX leaderboard_scores_user ON leaderboard_scores (application_id, user_id);
