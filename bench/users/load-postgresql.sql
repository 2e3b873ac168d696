-- Loads :users users (user_1 .. user_N) of application :'app' straight into a PostgreSQL schema, for
-- bench/users-search-bench.sh (psql -v app=... -v users=... -v now_ms=...). The same data as
-- load-sqlite.sql: see there.
\set ON_ERROR_STOP on
INSERT INTO users (application_id, user_id, name, email, timezone, attributes, created_at, updated_at, last_active_at)
SELECT :'app', 'user_' || n, 'User ' || n, 'user' || n || '@example.com', NULL,
       '{"plan":"' || (CASE n % 3 WHEN 0 THEN 'free' WHEN 1 THEN 'pro' ELSE 'team' END) || '"}',
       created, created, GREATEST(created, :now_ms - (n::bigint * 15485863 % 2592000) * 1000)
FROM (SELECT n, :now_ms - (n::bigint * 7919 % 31536000) * 1000 AS created
      FROM generate_series(1, :users) AS n) AS t;
INSERT INTO user_attributes (application_id, user_id, name, value)
SELECT application_id, user_id, 'plan', attributes::jsonb ->> 'plan' FROM users WHERE application_id = :'app';
INSERT INTO user_points (application_id, user_id, system_key, balance, progress, updated_at)
SELECT application_id, user_id, 'xp', (substr(user_id, 6)::bigint * 48271) % 100000, '{}', :now_ms
FROM users WHERE application_id = :'app';
VACUUM (ANALYZE) users;
VACUUM (ANALYZE) user_attributes;
VACUUM (ANALYZE) user_points;
