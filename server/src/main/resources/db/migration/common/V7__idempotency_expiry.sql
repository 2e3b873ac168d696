-- Idempotency records expire after LUDUS_IDEMPOTENCY_RETENTION; the index serves the purge.
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
