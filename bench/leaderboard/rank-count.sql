-- pgbench: the rank of one random user as one plus the count of strictly higher scores, which the
-- index (application_id, leaderboard, period, score DESC, ...) answers without a sort; the cheaper
-- and fairer SQL baseline. -D app=... -D board=... -D users=N; -M prepared.
\set uid random(1, :users)
SELECT COUNT(*) + 1 AS rank FROM leaderboard_scores
WHERE application_id = :app AND leaderboard = :board AND period = 'all'
  AND score > (SELECT score FROM leaderboard_scores
               WHERE application_id = :app AND leaderboard = :board AND period = 'all'
                 AND user_id = 'user_' || :uid::text);
