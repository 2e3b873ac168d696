-- Loads :users users and :events events of application :'app' straight into a PostgreSQL schema, for
-- bench/console-bench.sh (psql -v app=... -v tenant=... -v endpoint=... -v users=... -v events=...
-- -v messages=... -v audit=... -v now_ms=...). The same data as load-sqlite.sql: see there. Foreign
-- keys are not checked during the load (session_replication_role = replica; the data satisfies them).
\set ON_ERROR_STOP on
SET session_replication_role = replica;
SET work_mem = '256MB';
SET maintenance_work_mem = '512MB';

INSERT INTO events (seq, id, application_id, user_id, metric, value, occurred_at, received_at, attributes)
OVERRIDING SYSTEM VALUE
SELECT n, 'evt_bench' || lpad(n::text, 12, '0'), :'app', 'user_' || u,
       CASE WHEN n % 10 < 5 THEN 'steps' WHEN n % 10 < 8 THEN 'distance' ELSE 'workouts' END,
       CASE WHEN n % 10 < 5 THEN (200 + (n * 7919) % 5801) * 1000000
            WHEN n % 10 < 8 THEN 500000 + (n * 104729) % 12000000 ELSE 1000000 END,
       received - (n * 31) % 600000, received,
       CASE WHEN n % 10 < 5 THEN '{}' WHEN n % 10 < 8 THEN '{"kind":"run"}'
            WHEN n % 20 = 8 THEN '{"intensity":"high"}' ELSE '{"intensity":"low"}' END
FROM (SELECT n, CASE WHEN n % 100 = 0 THEN 1 ELSE 1 + floor(r * r * :users)::bigint END AS u,
             :now_ms - 7776000000 + n * 7776000000 / :events AS received
      FROM (SELECT n, ((n * 2654435761) % 1000000007) / 1000000007.0 AS r
            FROM generate_series(1::bigint, :events) AS n) AS h) AS e;
SELECT setval(pg_get_serial_sequence('events', 'seq'), :events);

CREATE TEMP TABLE totals AS
SELECT user_id, metric, SUM(value)::bigint AS total, MAX(received_at) AS last_at,
       COUNT(*) FILTER (WHERE attributes = '{"intensity":"high"}') AS high
FROM events WHERE application_id = :'app' GROUP BY user_id, metric;
INSERT INTO user_metrics (application_id, user_id, metric, total, updated_at)
SELECT :'app', user_id, metric, total, last_at FROM totals;

CREATE TEMP TABLE per_user AS
SELECT user_id, SUM(CASE metric WHEN 'steps' THEN total ELSE 0 END)::bigint AS steps,
       SUM(CASE metric WHEN 'distance' THEN total ELSE 0 END)::bigint AS distance,
       SUM(CASE metric WHEN 'workouts' THEN total ELSE 0 END)::bigint AS workouts,
       SUM(high)::bigint AS high, MAX(last_at) AS last_at
FROM totals GROUP BY user_id;
ALTER TABLE per_user ADD PRIMARY KEY (user_id);

INSERT INTO users (application_id, user_id, name, email, timezone, attributes, created_at, updated_at,
    last_active_at, last_event_hour)
SELECT :'app', 'user_' || n, 'User ' || n, 'user' || n || '@example.com', NULL,
       '{"plan":"' || (CASE n % 3 WHEN 0 THEN 'free' WHEN 1 THEN 'pro' ELSE 'team' END) || '"}',
       created, created, COALESCE(p.last_at, created), COALESCE(p.last_at / 3600000, 0)
FROM (SELECT n, :now_ms - 7776000000 - (n * 7919 % 31536000) * 1000 AS created
      FROM generate_series(1::bigint, :users) AS n) AS t
LEFT JOIN per_user p ON p.user_id = 'user_' || t.n;
INSERT INTO user_attributes (application_id, user_id, name, value)
SELECT application_id, user_id, 'plan', attributes::jsonb ->> 'plan' FROM users WHERE application_id = :'app';

CREATE TEMP TABLE unlocked AS
SELECT user_id, a.key AS achievement, last_at AS at FROM per_user,
  (VALUES ('first_steps', 'steps', 1000000::bigint), ('steps_10k', 'steps', 10000000000),
          ('steps_100k', 'steps', 100000000000), ('steps_1m', 'steps', 1000000000000),
          ('first_km', 'distance', 1000000), ('marathon', 'distance', 42195000),
          ('distance_500', 'distance', 500000000), ('first_workout', 'workouts', 1000000),
          ('workouts_25', 'workouts', 25000000)) AS a (key, metric, threshold)
WHERE CASE a.metric WHEN 'steps' THEN steps WHEN 'distance' THEN distance ELSE workouts END >= a.threshold;
INSERT INTO unlocked
SELECT user_id, 'all_rounder', last_at FROM per_user
WHERE steps >= 10000000000 AND distance >= 42195000 AND workouts >= 25000000;
INSERT INTO user_achievements (application_id, user_id, achievement, unlocked_at, backfilled)
SELECT :'app', user_id, achievement, at, 0 FROM unlocked;

CREATE TEMP TABLE rewards AS
SELECT user_id,
       SUM(CASE achievement WHEN 'steps_10k' THEN 5 WHEN 'steps_100k' THEN 25 WHEN 'steps_1m' THEN 100
           WHEN 'marathon' THEN 20 WHEN 'distance_500' THEN 100 WHEN 'first_workout' THEN 2
           WHEN 'workouts_25' THEN 20 WHEN 'all_rounder' THEN 50 ELSE 0 END)::bigint AS coins,
       SUM(CASE achievement WHEN 'first_workout' THEN 50 WHEN 'marathon' THEN 200 WHEN 'all_rounder' THEN 500
           ELSE 0 END)::bigint AS xp
FROM unlocked GROUP BY user_id;
INSERT INTO user_points (application_id, user_id, system_key, balance, progress, updated_at)
SELECT :'app', p.user_id, 'xp', p.steps / 100000000 + 5 * (p.distance / 1000000) + 20 * (p.workouts / 1000000)
       + COALESCE(r.xp, 0), '{}', p.last_at
FROM per_user p LEFT JOIN rewards r ON r.user_id = p.user_id;
INSERT INTO user_points (application_id, user_id, system_key, balance, progress, updated_at)
SELECT :'app', p.user_id, 'coins', LEAST(1000000, p.steps / 5000000000 + 2 * p.high + COALESCE(r.coins, 0)), '{}',
       p.last_at
FROM per_user p LEFT JOIN rewards r ON r.user_id = p.user_id;

INSERT INTO points_ledger (seq, application_id, user_id, system_key, amount, balance, source, reference, reason,
    created_at)
OVERRIDING SYSTEM VALUE
SELECT seq, application_id, user_id, 'xp', amount, SUM(amount) OVER (PARTITION BY user_id ORDER BY seq), 'event', id,
       NULL, received_at
FROM (SELECT seq, application_id, user_id, id, received_at,
             CASE metric WHEN 'steps' THEN value / 100000000 WHEN 'distance' THEN 5 * (value / 1000000) ELSE 20 END
               AS amount
      FROM events WHERE application_id = :'app') AS e;
SELECT setval(pg_get_serial_sequence('points_ledger', 'seq'), :events);

INSERT INTO leaderboard_scores (application_id, leaderboard, period, user_id, score, reached_at, version,
    previous_rank, updated_at)
SELECT :'app', 'xp_all', 'all', user_id, balance, updated_at, 1, NULL, updated_at
FROM user_points WHERE application_id = :'app' AND system_key = 'xp';
INSERT INTO leaderboard_scores (application_id, leaderboard, period, user_id, score, reached_at, version,
    previous_rank, updated_at)
SELECT :'app', 'steps_weekly', week, user_id, SUM(value), MAX(received_at), COUNT(*), NULL, MAX(received_at)
FROM (SELECT user_id, value, received_at,
             to_char(date_trunc('week', to_timestamp(occurred_at / 1000.0) AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS week
      FROM events WHERE application_id = :'app' AND metric = 'steps') AS s
GROUP BY week, user_id;
INSERT INTO leaderboard_periods_finished (application_id, leaderboard, period, announced_at)
SELECT DISTINCT :'app', 'steps_weekly', period, :now_ms::bigint FROM leaderboard_scores
WHERE application_id = :'app' AND leaderboard = 'steps_weekly'
  AND period < to_char(date_trunc('week', to_timestamp(:now_ms / 1000.0) AT TIME ZONE 'UTC'), 'YYYY-MM-DD');

INSERT INTO webhook_messages (seq, id, application_id, user_id, type, payload, created_at)
OVERRIDING SYSTEM VALUE
SELECT k, 'msg_bench' || lpad(k::text, 12, '0'), :'app', 'user_' || (1 + k * 7 % :users),
       CASE k % 3 WHEN 0 THEN 'achievement.unlocked' ELSE 'points.changed' END,
       '{"user_id":"user_' || (1 + k * 7 % :users) || '"}', :now_ms - 7776000000 + k * 7776000000 / :messages
FROM generate_series(1::bigint, :messages) AS k;
SELECT setval(pg_get_serial_sequence('webhook_messages', 'seq'), :messages);
INSERT INTO webhook_deliveries (seq, message_seq, endpoint_id, user_key, status, attempts, next_attempt_at,
    claimed_by, claimed_until, created_at)
OVERRIDING SYSTEM VALUE
SELECT seq, seq, :'endpoint', user_id, CASE WHEN seq % 50 = 0 THEN 'failed' ELSE 'succeeded' END,
       CASE WHEN seq % 50 = 0 THEN 5 ELSE 1 END, created_at, NULL, NULL, created_at
FROM webhook_messages WHERE application_id = :'app';
SELECT setval(pg_get_serial_sequence('webhook_deliveries', 'seq'), :messages);
INSERT INTO webhook_attempts (delivery_seq, endpoint_id, attempt, outcome, http_status, latency_ms, response,
    attempted_at, next_attempt_at)
SELECT d.seq, d.endpoint_id, a.attempt,
       CASE WHEN d.status = 'succeeded' THEN 'succeeded' WHEN a.attempt = 5 THEN 'failed' ELSE 'pending' END,
       CASE WHEN d.status = 'succeeded' THEN 200 ELSE 503 END, 20 + d.seq % 180,
       CASE WHEN d.status = 'succeeded' THEN 'ok' ELSE 'Service Unavailable' END,
       d.created_at + (a.attempt - 1) * 60000,
       CASE WHEN d.status = 'failed' AND a.attempt < 5 THEN d.created_at + a.attempt * 60000 END
FROM webhook_deliveries d JOIN generate_series(1, 5) AS a (attempt) ON a.attempt <= d.attempts
WHERE d.endpoint_id = :'endpoint'
ORDER BY d.seq, a.attempt;

-- Usage counters by UTC hour, day and week, in shard 16, which no node writes: the counts the
-- server made of the setup's requests (in a shard of its own, 0 to 15) stay apart.
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT :'app', received_at / 3600000 * 3600000 AS hour, 'events', '', 16, COUNT(*)
FROM events WHERE application_id = :'app' GROUP BY hour;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT application_id, bucket_at, 'requests', 'jwt', 16, total FROM stats_counts
WHERE application_id = :'app' AND counter = 'events';
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT application_id, bucket_at, 'points_awarded', 'coins', 16, total / 5 FROM stats_counts
WHERE application_id = :'app' AND counter = 'events';
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT :'app', received_at / 3600000 * 3600000 AS hour, 'active_users', '', 16, COUNT(DISTINCT user_id)
FROM events WHERE application_id = :'app' GROUP BY hour;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT :'app', received_at / 86400000 * 86400000 AS day, 'active_users_daily', '', 16, COUNT(DISTINCT user_id)
FROM events WHERE application_id = :'app' GROUP BY day;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT :'app', (received_at - 345600000) / 604800000 * 604800000 + 345600000 AS week, 'active_users_weekly', '', 16,
       COUNT(DISTINCT user_id)
FROM events WHERE application_id = :'app' GROUP BY week;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT :'app', created_at / 3600000 * 3600000 AS hour, 'points_awarded', 'xp', 16, SUM(amount)
FROM points_ledger WHERE application_id = :'app' GROUP BY hour;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT :'app', unlocked_at / 3600000 * 3600000 AS hour, 'achievements_unlocked', achievement, 16, COUNT(*)
FROM user_achievements WHERE application_id = :'app' GROUP BY hour, achievement;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT :'app', attempted_at / 3600000 * 3600000 AS hour, 'webhook_deliveries',
       CASE outcome WHEN 'succeeded' THEN 'delivered' WHEN 'pending' THEN 'retrying' ELSE 'given_up' END, 16, COUNT(*)
FROM webhook_attempts WHERE endpoint_id = :'endpoint' GROUP BY hour, outcome;

INSERT INTO audit_log (occurred_at, tenant_id, application_id, actor_kind, actor_application_id, actor_subject,
    auth_method, address, action, target_kind, target_id, summary, actor_account_id)
SELECT :now_ms - 7776000000 + k * 7776000000 / :audit, :'tenant', :'app', 'api', :'app', 'bench_admin', 'jwt',
       '127.0.0.1',
       CASE k % 3 WHEN 0 THEN 'user.points_adjusted' WHEN 1 THEN 'user.achievement_completed' ELSE 'rule.updated' END,
       CASE k % 3 WHEN 2 THEN 'points_system' ELSE 'user' END,
       CASE k % 3 WHEN 2 THEN 'coins' ELSE 'user_' || (1 + k * 13 % :users) END,
       CASE k % 3 WHEN 0 THEN 'xp +10 (support)' WHEN 1 THEN 'completed first_workout' ELSE 'coins changed' END, NULL
FROM generate_series(1::bigint, :audit) AS k;

SET session_replication_role = DEFAULT;
VACUUM (ANALYZE) events;
VACUUM (ANALYZE) users;
VACUUM (ANALYZE) user_metrics;
VACUUM (ANALYZE) user_points;
VACUUM (ANALYZE) user_attributes;
VACUUM (ANALYZE) user_achievements;
VACUUM (ANALYZE) points_ledger;
VACUUM (ANALYZE) leaderboard_scores;
VACUUM (ANALYZE) webhook_messages;
VACUUM (ANALYZE) webhook_deliveries;
VACUUM (ANALYZE) webhook_attempts;
VACUUM (ANALYZE) stats_counts;
VACUUM (ANALYZE) audit_log;
