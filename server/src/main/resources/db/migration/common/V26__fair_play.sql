-- Fair play (issue 21): the flag a metric's velocity guard raises on a user (the JSON of
-- dev.ludus.profiles.FlagView; NULL when not flagged), and per metric with a guard, the arrivals of the
-- user's latest events within its window (epoch milliseconds, comma-separated; NULL without a guard).
-- Earning caps keep what was earned per period inside user_points.progress (entries "cap:<metric>:<period>").
ALTER TABLE users ADD COLUMN flag TEXT;
ALTER TABLE user_metrics ADD COLUMN recent TEXT;
