-- Loads @USERS@ users (user_1 .. user_N) of application '@APP@' straight into a SQLite store, for
-- bench/users-search-bench.sh (which replaces the @...@ names with sed). Deterministic: the spreads
-- come from multiplicative hashes of the user number, not random().
--   created_at      within the year before @NOW@, to the second (few ties)
--   last_active_at  within the 30 days before @NOW@, to the second, never before created_at
--   name, email     'User <n>', 'user<n>@example.com'; attribute plan: free, pro or team
--   xp balance      0 .. 99,999 (about ten users per value: many ties)
PRAGMA foreign_keys = OFF;
BEGIN;
WITH RECURSIVE g(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM g WHERE n < @USERS@),
     t(n, created) AS (SELECT n, @NOW@ - (n * 7919 % 31536000) * 1000 FROM g)
INSERT INTO users (application_id, user_id, name, email, timezone, attributes, created_at, updated_at, last_active_at)
SELECT '@APP@', 'user_' || n, 'User ' || n, 'user' || n || '@example.com', NULL,
       '{"plan":"' || (CASE n % 3 WHEN 0 THEN 'free' WHEN 1 THEN 'pro' ELSE 'team' END) || '"}',
       created, created, max(created, @NOW@ - (n * 15485863 % 2592000) * 1000)
FROM t;
INSERT INTO user_attributes (application_id, user_id, name, value)
SELECT application_id, user_id, 'plan', json_extract(attributes, '$.plan') FROM users WHERE application_id = '@APP@';
INSERT INTO user_points (application_id, user_id, system_key, balance, progress, updated_at)
SELECT application_id, user_id, 'xp', (CAST(substr(user_id, 6) AS INTEGER) * 48271) % 100000, '{}', @NOW@
FROM users WHERE application_id = '@APP@';
COMMIT;
