-- When each legacy ECDSA key last signed an accepted request (epoch milliseconds, like the table's
-- created_at), NULL if it never did: the list of keys that still sign, for the migration away from
-- ECDSA. Each node keeps the latest use per key in memory and writes it with the usage figures' flush
-- (every ~10 seconds), only ever moving it forward, so several nodes on one PostgreSQL keep the latest.
ALTER TABLE ecdsa_keys ADD COLUMN last_used_at BIGINT;
