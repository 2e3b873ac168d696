-- Loads @USERS@ users and @EVENTS@ events of application '@APP@' straight into a SQLite store, for
-- bench/console-bench.sh (which replaces the @...@ names with sed), with what the rules of
-- bench/events-rules.json make of them: metric totals, xp and coins balances, achievements, the xp
-- history, the scores of the boards xp_all (points xp, all time) and steps_weekly (metric steps,
-- weekly, UTC), @MESSAGES@ webhook messages delivered to endpoint '@ENDPOINT@', usage counters by
-- hour and @AUDIT@ audit entries. Deterministic: the spreads come from multiplicative hashes of the
-- row number, not random(). bench/README.md says what the data holds.
-- A rollback journal for the load (a fresh store's pages are new, so it stays small; through the
-- write-ahead log every page would be written twice), the server's WAL mode again at the end.
PRAGMA journal_mode = DELETE;
PRAGMA foreign_keys = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -4000000;
PRAGMA temp_store = MEMORY;
BEGIN;

-- Event n (1 .. @EVENTS@) in commit order, received at an even pace over the 90 days before @NOW@.
-- One event in a hundred is user_1's (a long history); the others fall on user 1 + floor(r^2 * users)
-- for r uniform in [0, 1): a few users send thousands, the typical user a handful, some none.
-- Half are steps (200 .. 6,000), three tenths distance (0.5 .. 12.5 km), two tenths workouts.
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < @EVENTS@),
     h(n, r) AS (SELECT n, ((n * 2654435761) % 1000000007) / 1000000007.0 FROM g),
     e(n, u, received) AS (
       SELECT n, CASE WHEN n % 100 = 0 THEN 1 ELSE 1 + CAST(r * r * @USERS@ AS INTEGER) END,
              @NOW@ - 7776000000 + n * 7776000000 / @EVENTS@
       FROM h)
INSERT INTO events (seq, id, application_id, user_id, metric, value, occurred_at, received_at, attributes)
SELECT n, printf('evt_bench%012d', n), '@APP@', 'user_' || u,
       CASE WHEN n % 10 < 5 THEN 'steps' WHEN n % 10 < 8 THEN 'distance' ELSE 'workouts' END,
       CASE WHEN n % 10 < 5 THEN (200 + (n * 7919) % 5801) * 1000000
            WHEN n % 10 < 8 THEN 500000 + (n * 104729) % 12000000 ELSE 1000000 END,
       received - (n * 31) % 600000, received,
       CASE WHEN n % 10 < 5 THEN '{}' WHEN n % 10 < 8 THEN '{"kind":"run"}'
            WHEN n % 20 = 8 THEN '{"intensity":"high"}' ELSE '{"intensity":"low"}' END
FROM e;

-- Per user and metric: the total, the latest event and (workouts) how many were high intensity.
CREATE TEMP TABLE totals AS
SELECT user_id, metric, SUM(value) AS total, MAX(received_at) AS last_at,
       SUM(attributes = '{"intensity":"high"}') AS high
FROM events NOT INDEXED WHERE application_id = '@APP@' GROUP BY user_id, metric;
INSERT INTO user_metrics (application_id, user_id, metric, total, updated_at)
SELECT '@APP@', user_id, metric, total, last_at FROM totals;

CREATE TEMP TABLE per_user (user_id TEXT PRIMARY KEY, steps INTEGER, distance INTEGER, workouts INTEGER,
    high INTEGER, last_at INTEGER) WITHOUT ROWID;
INSERT INTO per_user
SELECT user_id, SUM(CASE metric WHEN 'steps' THEN total ELSE 0 END),
       SUM(CASE metric WHEN 'distance' THEN total ELSE 0 END), SUM(CASE metric WHEN 'workouts' THEN total ELSE 0 END),
       SUM(high), MAX(last_at)
FROM totals GROUP BY user_id;

-- Users: created within the year before the first event; active at their latest event (their
-- creation when they sent none); plan free, pro or team.
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < @USERS@),
     t(n, created) AS (SELECT n, @NOW@ - 7776000000 - (n * 7919 % 31536000) * 1000 FROM g)
INSERT INTO users (application_id, user_id, name, email, timezone, attributes, created_at, updated_at,
    last_active_at, last_event_hour)
SELECT '@APP@', 'user_' || n, 'User ' || n, 'user' || n || '@example.com', NULL,
       '{"plan":"' || (CASE n % 3 WHEN 0 THEN 'free' WHEN 1 THEN 'pro' ELSE 'team' END) || '"}',
       created, created, COALESCE(p.last_at, created), COALESCE(p.last_at / 3600000, 0)
FROM t LEFT JOIN per_user p ON p.user_id = 'user_' || t.n;
INSERT INTO user_attributes (application_id, user_id, name, value)
SELECT application_id, user_id, 'plan', json_extract(attributes, '$.plan') FROM users WHERE application_id = '@APP@';

-- Achievements, as the thresholds of the rule set grant them, unlocked at the user's latest event.
CREATE TEMP TABLE unlocked (user_id TEXT, achievement TEXT, at INTEGER);
INSERT INTO unlocked
SELECT user_id, a.key, last_at FROM per_user,
  (SELECT 'first_steps' AS key, 'steps' AS metric, 1000000 AS threshold
   UNION ALL SELECT 'steps_10k', 'steps', 10000000000 UNION ALL SELECT 'steps_100k', 'steps', 100000000000
   UNION ALL SELECT 'steps_1m', 'steps', 1000000000000 UNION ALL SELECT 'first_km', 'distance', 1000000
   UNION ALL SELECT 'marathon', 'distance', 42195000 UNION ALL SELECT 'distance_500', 'distance', 500000000
   UNION ALL SELECT 'first_workout', 'workouts', 1000000 UNION ALL SELECT 'workouts_25', 'workouts', 25000000) a
WHERE CASE a.metric WHEN 'steps' THEN steps WHEN 'distance' THEN distance ELSE workouts END >= a.threshold;
INSERT INTO unlocked
SELECT user_id, 'all_rounder', last_at FROM per_user
WHERE steps >= 10000000000 AND distance >= 42195000 AND workouts >= 25000000;
INSERT INTO user_achievements (application_id, user_id, achievement, unlocked_at, backfilled)
SELECT '@APP@', user_id, achievement, at, 0 FROM unlocked;

-- Balances: the metric triggers on the totals plus the achievement rewards.
CREATE TEMP TABLE rewards AS
SELECT user_id,
       SUM(CASE achievement WHEN 'steps_10k' THEN 5 WHEN 'steps_100k' THEN 25 WHEN 'steps_1m' THEN 100
           WHEN 'marathon' THEN 20 WHEN 'distance_500' THEN 100 WHEN 'first_workout' THEN 2
           WHEN 'workouts_25' THEN 20 WHEN 'all_rounder' THEN 50 ELSE 0 END) AS coins,
       SUM(CASE achievement WHEN 'first_workout' THEN 50 WHEN 'marathon' THEN 200 WHEN 'all_rounder' THEN 500
           ELSE 0 END) AS xp
FROM unlocked GROUP BY user_id;
INSERT INTO user_points (application_id, user_id, system_key, balance, progress, updated_at)
SELECT '@APP@', p.user_id, 'xp', p.steps / 100000000 + 5 * (p.distance / 1000000) + 20 * (p.workouts / 1000000)
       + COALESCE(r.xp, 0), '{}', p.last_at
FROM per_user p LEFT JOIN rewards r ON r.user_id = p.user_id;
INSERT INTO user_points (application_id, user_id, system_key, balance, progress, updated_at)
SELECT '@APP@', p.user_id, 'coins', min(1000000, p.steps / 5000000000 + 2 * p.high + COALESCE(r.coins, 0)), '{}',
       p.last_at
FROM per_user p LEFT JOIN rewards r ON r.user_id = p.user_id;

-- The xp history: one entry per event (its own share, without the carry of fractions), with the
-- running balance.
INSERT INTO points_ledger (seq, application_id, user_id, system_key, amount, balance, source, reference, reason,
    created_at)
SELECT seq, application_id, user_id, 'xp', amount, SUM(amount) OVER (PARTITION BY user_id ORDER BY seq), 'event', id,
       NULL, received_at
FROM (SELECT seq, application_id, user_id, id, received_at,
             CASE metric WHEN 'steps' THEN value / 100000000 WHEN 'distance' THEN 5 * (value / 1000000) ELSE 20 END
               AS amount
      FROM events NOT INDEXED WHERE application_id = '@APP@');

-- Leaderboards: xp_all from the balances, steps_weekly from the steps events by UTC week (Monday).
INSERT INTO leaderboard_scores (application_id, leaderboard, period, user_id, score, reached_at, version,
    previous_rank, updated_at)
SELECT '@APP@', 'xp_all', 'all', user_id, balance, updated_at, 1, NULL, updated_at
FROM user_points WHERE application_id = '@APP@' AND system_key = 'xp';
INSERT INTO leaderboard_scores (application_id, leaderboard, period, user_id, score, reached_at, version,
    previous_rank, updated_at)
SELECT '@APP@', 'steps_weekly', week, user_id, SUM(value), MAX(received_at), COUNT(*), NULL, MAX(received_at)
FROM (SELECT user_id, value, received_at,
             date(occurred_at / 1000, 'unixepoch', '-6 days', 'weekday 1') AS week
      FROM events NOT INDEXED WHERE application_id = '@APP@' AND metric = 'steps')
GROUP BY week, user_id;
-- every finished week announced already: the server has nothing to send at start
INSERT INTO leaderboard_periods_finished (application_id, leaderboard, period, announced_at)
SELECT DISTINCT '@APP@', 'steps_weekly', period, @NOW@ FROM leaderboard_scores
WHERE application_id = '@APP@' AND leaderboard = 'steps_weekly'
  AND period < date(@NOW@ / 1000, 'unixepoch', '-6 days', 'weekday 1');

-- Webhooks: message k about user 1 + k * 7 mod users, one delivery each to the endpoint; one in fifty
-- failed (five attempts, the last given up), the others succeeded at the first.
WITH RECURSIVE g(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM g WHERE k < @MESSAGES@)
INSERT INTO webhook_messages (seq, id, application_id, user_id, type, payload, created_at)
SELECT k, printf('msg_bench%012d', k), '@APP@', 'user_' || (1 + k * 7 % @USERS@),
       CASE k % 3 WHEN 0 THEN 'achievement.unlocked' ELSE 'points.changed' END,
       '{"user_id":"user_' || (1 + k * 7 % @USERS@) || '"}', @NOW@ - 7776000000 + k * 7776000000 / @MESSAGES@
FROM g;
INSERT INTO webhook_deliveries (seq, message_seq, endpoint_id, user_key, status, attempts, next_attempt_at,
    claimed_by, claimed_until, created_at)
SELECT seq, seq, '@ENDPOINT@', user_id, CASE WHEN seq % 50 = 0 THEN 'failed' ELSE 'succeeded' END,
       CASE WHEN seq % 50 = 0 THEN 5 ELSE 1 END, created_at, NULL, NULL, created_at
FROM webhook_messages WHERE application_id = '@APP@';
INSERT INTO webhook_attempts (delivery_seq, endpoint_id, attempt, outcome, http_status, latency_ms, response,
    attempted_at, next_attempt_at)
SELECT d.seq, d.endpoint_id, a.attempt,
       CASE WHEN d.status = 'succeeded' THEN 'succeeded' WHEN a.attempt = 5 THEN 'failed' ELSE 'pending' END,
       CASE WHEN d.status = 'succeeded' THEN 200 ELSE 503 END, 20 + d.seq % 180,
       CASE WHEN d.status = 'succeeded' THEN 'ok' ELSE 'Service Unavailable' END,
       d.created_at + (a.attempt - 1) * 60000,
       CASE WHEN d.status = 'failed' AND a.attempt < 5 THEN d.created_at + a.attempt * 60000 END
FROM webhook_deliveries d
JOIN (SELECT 1 AS attempt UNION ALL SELECT 2 UNION ALL SELECT 3 UNION ALL SELECT 4 UNION ALL SELECT 5) a
  ON a.attempt <= d.attempts
WHERE d.endpoint_id = '@ENDPOINT@'
ORDER BY d.seq, a.attempt;

-- Usage counters by UTC hour: events, requests and active users from the events, active users by
-- day and by week (from Monday), points from the xp history (coins: a fifth of the events), unlocks,
-- delivery attempts by outcome. In shard 16, which no node writes: the counts the server made of the
-- setup's requests (in a shard of its own, 0 to 15) stay apart.
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT '@APP@', received_at / 3600000 * 3600000 AS hour, 'events', '', 16, COUNT(*)
FROM events NOT INDEXED WHERE application_id = '@APP@' GROUP BY hour;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT application_id, bucket_at, 'requests', 'jwt', 16, total FROM stats_counts
WHERE application_id = '@APP@' AND counter = 'events';
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT application_id, bucket_at, 'points_awarded', 'coins', 16, total / 5 FROM stats_counts
WHERE application_id = '@APP@' AND counter = 'events';
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT '@APP@', hour, 'active_users', '', 16, COUNT(*)
FROM (SELECT DISTINCT received_at / 3600000 * 3600000 AS hour, user_id FROM events NOT INDEXED WHERE application_id = '@APP@')
GROUP BY hour;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT '@APP@', day, 'active_users_daily', '', 16, COUNT(*)
FROM (SELECT DISTINCT received_at / 86400000 * 86400000 AS day, user_id FROM events NOT INDEXED WHERE application_id = '@APP@')
GROUP BY day;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT '@APP@', week, 'active_users_weekly', '', 16, COUNT(*)
FROM (SELECT DISTINCT (received_at - 345600000) / 604800000 * 604800000 + 345600000 AS week, user_id
      FROM events NOT INDEXED WHERE application_id = '@APP@')
GROUP BY week;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT '@APP@', created_at / 3600000 * 3600000 AS hour, 'points_awarded', 'xp', 16, SUM(amount)
FROM points_ledger NOT INDEXED WHERE application_id = '@APP@' GROUP BY hour;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT '@APP@', unlocked_at / 3600000 * 3600000 AS hour, 'achievements_unlocked', achievement, 16, COUNT(*)
FROM user_achievements WHERE application_id = '@APP@' GROUP BY hour, achievement;
INSERT INTO stats_counts (application_id, bucket_at, counter, item, shard, total)
SELECT '@APP@', attempted_at / 3600000 * 3600000 AS hour, 'webhook_deliveries',
       CASE outcome WHEN 'succeeded' THEN 'delivered' WHEN 'pending' THEN 'retrying' ELSE 'given_up' END, 16, COUNT(*)
FROM webhook_attempts WHERE endpoint_id = '@ENDPOINT@' GROUP BY hour, outcome;

-- The audit log: @AUDIT@ changes made by hand over the 90 days (points adjusted, achievements
-- completed, rules changed), after the entries of the rule set's definition.
WITH RECURSIVE g(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM g WHERE k < @AUDIT@)
INSERT INTO audit_log (occurred_at, tenant_id, application_id, actor_kind, actor_application_id, actor_subject,
    auth_method, address, action, target_kind, target_id, summary, actor_account_id)
SELECT @NOW@ - 7776000000 + k * 7776000000 / @AUDIT@, '@TENANT@', '@APP@', 'api', '@APP@', 'bench_admin', 'jwt',
       '127.0.0.1',
       CASE k % 3 WHEN 0 THEN 'user.points_adjusted' WHEN 1 THEN 'user.achievement_completed' ELSE 'rule.updated' END,
       CASE k % 3 WHEN 2 THEN 'points_system' ELSE 'user' END,
       CASE k % 3 WHEN 2 THEN 'coins' ELSE 'user_' || (1 + k * 13 % @USERS@) END,
       CASE k % 3 WHEN 0 THEN 'xp +10 (support)' WHEN 1 THEN 'completed first_workout' ELSE 'coins changed' END, NULL
FROM g;
COMMIT;
PRAGMA journal_mode = WAL;
