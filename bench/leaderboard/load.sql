-- Loads :users users (user_1 .. user_N) of application :'app' and their scores on the all-time
-- board :'board' (period 'all') straight into the store, set-based, for bench/leaderboard-bench.sh.
-- Run with psql -v app=... -v board=... -v users=... -v now_ms=... in the benchmark's schema.
--
-- Scores are metric totals in millionths (Amount micros) of whole steps: 1 + floor(1,000,000 *
-- random()^3), skewed towards the bottom as activity is (half the users below 125,000 steps) and with
-- many ties there (about a tenth of the users share the lowest thousand values). reached_at is spread
-- uniformly over the 30 days before :now_ms; version 1, no previous rank. setseed makes the data the
-- same in every run.
\set ON_ERROR_STOP on
SELECT setseed(0.42);

INSERT INTO users (application_id, user_id, name, email, timezone, attributes, created_at, updated_at)
SELECT :'app', 'user_' || g, 'User ' || g, NULL, NULL, '{}', :now_ms, :now_ms
FROM generate_series(1, :users) AS g;

INSERT INTO leaderboard_scores (application_id, leaderboard, period, user_id, score, reached_at, version,
    previous_rank, updated_at)
SELECT :'app', :'board', 'all', 'user_' || g,
       (1 + floor(1000000 * power(random(), 3)))::bigint * 1000000,
       :now_ms - floor(random() * 30 * 86400000)::bigint,
       1, NULL, :now_ms
FROM generate_series(1, :users) AS g;

VACUUM (ANALYZE) users;
VACUUM (ANALYZE) leaderboard_scores;
