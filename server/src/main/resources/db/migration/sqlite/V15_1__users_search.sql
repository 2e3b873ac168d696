-- GET /v1/users on SQLite: prefix searches compare in code point order (BINARY); id_prefix uses the
-- primary key.
CREATE INDEX users_email_prefix ON users (application_id, lower(email));
CREATE INDEX users_name_prefix ON users (application_id, lower(name));

INSERT INTO user_attributes (application_id, user_id, name, value)
SELECT users.application_id, users.user_id, attribute.key, attribute.value
FROM users, json_each(users.attributes) AS attribute;
