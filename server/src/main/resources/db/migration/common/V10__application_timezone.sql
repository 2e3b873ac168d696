-- The application's default timezone: an IANA zone id that judges the streaks of users who have no
-- timezone of their own. NULL means UTC.
ALTER TABLE applications ADD COLUMN timezone VARCHAR(64);
