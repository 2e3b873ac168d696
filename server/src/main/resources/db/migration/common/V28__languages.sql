-- Names in every language (issue 21): a user's own language (a BCP 47 tag, null for none) and the
-- language an application's answers fall back to when a rule's name has neither the user's nor the
-- request's.
ALTER TABLE users ADD COLUMN locale TEXT;
ALTER TABLE applications ADD COLUMN default_language TEXT NOT NULL DEFAULT 'en';
