-- Figures kept at write time (GET /v1/stats, docs/stats.md, ADR 0036): per application, counters
-- by UTC hour, added up in the transaction of the change they count, so that no chart scans the
-- event history. bucket_at is the start of the UTC hour in epoch milliseconds (the start of the UTC
-- day for active_users_daily); item names what the counter is of (a points system, an achievement,
-- a streak, an outcome, an authentication method), '' when nothing. Writers add to a shard of their
-- own, so that concurrent commits do not wait on one hot row; a read adds the shards up.
CREATE TABLE stats_counts (
    application_id  VARCHAR(40)   NOT NULL REFERENCES applications (id),
    bucket_at       BIGINT        NOT NULL,
    counter         VARCHAR(32)   NOT NULL,
    item            VARCHAR(64)   NOT NULL,
    shard           INTEGER       NOT NULL,
    total           BIGINT        NOT NULL,
    PRIMARY KEY (application_id, bucket_at, counter, item, shard)
);

-- the operator's read across applications, by time
CREATE INDEX stats_counts_bucket ON stats_counts (bucket_at);

-- The UTC hour (hours since the epoch) of the user's latest event, 0 before the first: with it the
-- write path tells a user's first event in an hour (an active user) without reading any history.
ALTER TABLE users ADD COLUMN last_event_hour BIGINT NOT NULL DEFAULT 0;
