-- Expiry notices and seasons (issue 21): user_points.expires_at becomes due_at, the next instant a
-- balance needs a write of its own (a lot's expiry, a lot's expiry notice, the end of its season), and
-- points_seasons keeps each user's final standing in every season of a points system that ended.
ALTER TABLE user_points RENAME COLUMN expires_at TO due_at;
DROP INDEX user_points_expiry;
CREATE INDEX user_points_due ON user_points (due_at) WHERE due_at IS NOT NULL;

CREATE TABLE points_seasons (
    application_id  VARCHAR(40)  NOT NULL,
    system_key      VARCHAR(64)  NOT NULL,
    season          VARCHAR(16)  NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    season_start    BIGINT       NOT NULL,
    season_end      BIGINT       NOT NULL,
    balance         BIGINT       NOT NULL,
    level           INTEGER,
    recorded_at     BIGINT       NOT NULL,
    PRIMARY KEY (application_id, system_key, season, user_id),
    FOREIGN KEY (application_id, user_id) REFERENCES users (application_id, user_id) ON DELETE CASCADE
);
CREATE INDEX points_seasons_standings ON points_seasons (application_id, system_key, season, balance DESC, user_id);
CREATE INDEX points_seasons_user ON points_seasons (application_id, user_id, system_key, season_start DESC);
