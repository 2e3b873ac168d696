-- Points that expire (issue 21): when the first lot of an expiring balance expires (epoch
-- milliseconds; null for a balance without lots), for the sweep that expires the lots of users no
-- write touches.
ALTER TABLE user_points ADD COLUMN expires_at BIGINT;
CREATE INDEX user_points_expiry ON user_points (expires_at) WHERE expires_at IS NOT NULL;
