-- Outbox entries are claimed with a lease, as tasks are, so one engine delivers each outcome; a
-- failed delivery is retried per entry after its own delay, and parked after too many failures so
-- that it never blocks the others.
ALTER TABLE outbox ADD COLUMN failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN due_at_ns INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox ADD COLUMN lease_owner TEXT;
ALTER TABLE outbox ADD COLUMN lease_until_ns INTEGER;
ALTER TABLE outbox ADD COLUMN parked_at_ns INTEGER;
ALTER TABLE outbox ADD COLUMN last_error TEXT;
CREATE INDEX outbox_parked ON outbox (id) WHERE parked_at_ns IS NOT NULL AND delivered_at_ns IS NULL;
