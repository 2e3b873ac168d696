-- pgbench: the rank of one random user with a window function over the whole board (what an
-- application without an index would write). -D app=... -D board=... -D users=N; -M prepared.
\set uid random(1, :users)
SELECT rank, score FROM (
    SELECT user_id, score, RANK() OVER (ORDER BY score DESC) AS rank
    FROM leaderboard_scores
    WHERE application_id = :app AND leaderboard = :board AND period = 'all') ranked
WHERE user_id = 'user_' || :uid::text;
