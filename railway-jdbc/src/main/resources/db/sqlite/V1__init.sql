-- Railway store schema, version 1.
-- Times are INTEGER nanoseconds since the epoch (UTC): lossless for java.time.Instant and
-- ordered by plain integer comparison. Flags are INTEGER 0/1 (the shared SQL compares them
-- with 0 and 1, so every dialect's schema keeps them as integers). Rows are never deleted: the
-- AUTOINCREMENT keys give "oldest first" and are never reused.

-- One row per workflow instance. (workflow, trigger_event_id) deduplicates triggers;
-- version is the head of the instance's stream, the compare-and-set target of appends.
CREATE TABLE instances (
  seq              INTEGER PRIMARY KEY AUTOINCREMENT,
  instance_id      TEXT    NOT NULL UNIQUE,
  workflow         TEXT    NOT NULL,
  trigger_event_id TEXT    NOT NULL,
  status           TEXT    NOT NULL CHECK (status IN ('RUNNING', 'FINISHED')),
  trigger_type     TEXT    NOT NULL,
  trigger_json     TEXT    NOT NULL,
  outcome_type     TEXT,
  outcome_json     TEXT,
  version          INTEGER NOT NULL,
  UNIQUE (workflow, trigger_event_id)
);

-- The event stream of each instance.
CREATE TABLE stream_events (
  instance_id TEXT    NOT NULL REFERENCES instances (instance_id),
  version     INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  task_id     TEXT,
  detail      TEXT,
  at_ns       INTEGER NOT NULL,
  PRIMARY KEY (instance_id, version)
);

-- The scheduling read model: every task ever entered. due_at_ns and attempts move with
-- reschedules; entered_due_at_ns and entered_attempts keep the task as it was entered, so a
-- decision that entered it reads back exactly as committed.
CREATE TABLE tasks (
  seq               INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id           TEXT    NOT NULL UNIQUE,
  instance_id       TEXT    NOT NULL REFERENCES instances (instance_id),
  workflow          TEXT    NOT NULL,
  task_name         TEXT    NOT NULL,
  todo              INTEGER NOT NULL CHECK (todo IN (0, 1)),
  input_type        TEXT,
  input_json        TEXT,
  read_model_type   TEXT,
  read_model_json   TEXT,
  entered_at_ns     INTEGER NOT NULL,
  due_at_ns         INTEGER,
  deadline_at_ns    INTEGER,
  attempts          INTEGER NOT NULL,
  entered_due_at_ns INTEGER,
  entered_attempts  INTEGER NOT NULL,
  decided           INTEGER NOT NULL DEFAULT 0 CHECK (decided IN (0, 1)),
  lease_owner       TEXT,
  lease_until_ns    INTEGER
);
CREATE INDEX tasks_due ON tasks (due_at_ns, seq) WHERE decided = 0;
CREATE INDEX tasks_open_todos ON tasks (workflow, task_name, seq) WHERE decided = 0 AND todo = 1;
CREATE INDEX tasks_open ON tasks (seq) WHERE decided = 0;

-- At most one decision per task identifier, ever: the unique key is the guarantee (I1).
-- The next task is inserted after its decision in the same transaction, hence the deferred key.
CREATE TABLE decisions (
  seq            INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id        TEXT    NOT NULL UNIQUE,
  instance_id    TEXT    NOT NULL REFERENCES instances (instance_id),
  task_name      TEXT    NOT NULL,
  event_type     TEXT    NOT NULL,
  event_json     TEXT    NOT NULL,
  cause          TEXT    NOT NULL,
  decided_by     TEXT,
  decided_at_ns  INTEGER NOT NULL,
  next_task_id   TEXT REFERENCES tasks (task_id) DEFERRABLE INITIALLY DEFERRED,
  outcome_type   TEXT,
  outcome_json   TEXT,
  CHECK ((next_task_id IS NULL) <> (outcome_type IS NULL))
);
CREATE INDEX decisions_by_instance ON decisions (instance_id, seq);

-- The central lock store. sequence is store-assigned and never reused.
CREATE TABLE locks (
  sequence      INTEGER PRIMARY KEY AUTOINCREMENT,
  task_id       TEXT    NOT NULL,
  owner         TEXT    NOT NULL,
  created_at_ns INTEGER NOT NULL,
  expires_at_ns INTEGER NOT NULL,
  faulted       INTEGER NOT NULL DEFAULT 0 CHECK (faulted IN (0, 1)),
  finished      INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
  resolved      INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
);
CREATE INDEX locks_by_task ON locks (task_id, sequence);

-- Outcomes waiting for delivery to listeners; delivered rows stay, stamped, for audit.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id        TEXT    NOT NULL,
  instance_id     TEXT    NOT NULL REFERENCES instances (instance_id),
  workflow        TEXT    NOT NULL,
  outcome_type    TEXT    NOT NULL,
  outcome_json    TEXT    NOT NULL,
  delivered_at_ns INTEGER
);
CREATE INDEX outbox_undelivered ON outbox (id) WHERE delivered_at_ns IS NULL;
