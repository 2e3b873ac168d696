-- GET /v1/users on PostgreSQL: prefix searches compare in code point order (COLLATE "C"), whatever
-- the database's collation, so that a prefix is one index range.
CREATE INDEX users_id_prefix ON users (application_id, user_id COLLATE "C");
CREATE INDEX users_email_prefix ON users (application_id, (lower(email)) COLLATE "C");
CREATE INDEX users_name_prefix ON users (application_id, (lower(name)) COLLATE "C");

INSERT INTO user_attributes (application_id, user_id, name, value)
SELECT users.application_id, users.user_id, attribute.key, attribute.value
FROM users, jsonb_each_text(users.attributes::jsonb) AS attribute;
