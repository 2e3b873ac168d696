-- pgbench: the top 100 with shared ranks (equal scores share a rank, as Ludus answers), in the
-- board's order: score descending, then reached_at, then user id. -D app=... -D board=...; -M prepared.
SELECT user_id, score, reached_at, RANK() OVER (ORDER BY score DESC) AS rank
FROM leaderboard_scores
WHERE application_id = :app AND leaderboard = :board AND period = 'all'
ORDER BY score DESC, reached_at, user_id
LIMIT 100;
