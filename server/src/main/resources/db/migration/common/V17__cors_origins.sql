-- The browser origins allowed to call the application's /v1 API (CORS): exact origins such as
-- https://app.example.com, separated by spaces; empty for none.
ALTER TABLE applications ADD COLUMN cors_origins TEXT NOT NULL DEFAULT '';
