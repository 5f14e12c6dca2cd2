-- Railway store schema for PostgreSQL, version 1: the SQLite schema's tables, keys and indexes,
-- in the store's own schema (the connection's search_path). The differences, and why:
-- * times are BIGINT nanoseconds since the epoch, not timestamptz: exact for java.time.Instant
--   (timestamptz keeps microseconds), ordered by integer comparison, and the shared SQL binds them
--   the same way in both databases;
-- * keys are BIGINT identities instead of AUTOINCREMENT; flags stay INTEGER 0/1 as in the shared
--   SQL;
-- * a trigger notifies idle workers (LISTEN/NOTIFY) in the transaction that adds due work.

CREATE TABLE instances (
  seq              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  instance_id      TEXT    NOT NULL UNIQUE,
  workflow         TEXT    NOT NULL,
  trigger_event_id TEXT    NOT NULL,
  status           TEXT    NOT NULL CHECK (status IN ('RUNNING', 'FINISHED')),
  trigger_type     TEXT    NOT NULL,
  trigger_json     TEXT    NOT NULL,
  outcome_type     TEXT,
  outcome_json     TEXT,
  version          BIGINT  NOT NULL,
  UNIQUE (workflow, trigger_event_id)
);

CREATE TABLE stream_events (
  instance_id TEXT    NOT NULL REFERENCES instances (instance_id),
  version     BIGINT  NOT NULL,
  kind        TEXT    NOT NULL,
  task_id     TEXT,
  detail      TEXT,
  at_ns       BIGINT  NOT NULL,
  PRIMARY KEY (instance_id, version)
);

CREATE TABLE tasks (
  seq               BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id           TEXT    NOT NULL UNIQUE,
  instance_id       TEXT    NOT NULL REFERENCES instances (instance_id),
  workflow          TEXT    NOT NULL,
  task_name         TEXT    NOT NULL,
  todo              INTEGER NOT NULL CHECK (todo IN (0, 1)),
  input_type        TEXT,
  input_json        TEXT,
  read_model_type   TEXT,
  read_model_json   TEXT,
  entered_at_ns     BIGINT  NOT NULL,
  due_at_ns         BIGINT,
  deadline_at_ns    BIGINT,
  attempts          INTEGER NOT NULL,
  entered_due_at_ns BIGINT,
  entered_attempts  INTEGER NOT NULL,
  decided           INTEGER NOT NULL DEFAULT 0 CHECK (decided IN (0, 1)),
  lease_owner       TEXT,
  lease_until_ns    BIGINT
);
CREATE INDEX tasks_due ON tasks (due_at_ns, seq) WHERE decided = 0;
CREATE INDEX tasks_open_todos ON tasks (workflow, task_name, seq) WHERE decided = 0 AND todo = 1;
CREATE INDEX tasks_open ON tasks (seq) WHERE decided = 0;

-- At most one decision per task identifier, ever: the unique key is the guarantee (I1).
CREATE TABLE decisions (
  seq            BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id        TEXT    NOT NULL UNIQUE,
  instance_id    TEXT    NOT NULL REFERENCES instances (instance_id),
  task_name      TEXT    NOT NULL,
  event_type     TEXT    NOT NULL,
  event_json     TEXT    NOT NULL,
  cause          TEXT    NOT NULL,
  decided_by     TEXT,
  decided_at_ns  BIGINT  NOT NULL,
  next_task_id   TEXT REFERENCES tasks (task_id) DEFERRABLE INITIALLY DEFERRED,
  outcome_type   TEXT,
  outcome_json   TEXT,
  CHECK ((next_task_id IS NULL) <> (outcome_type IS NULL))
);
CREATE INDEX decisions_by_instance ON decisions (instance_id, seq);

-- The central lock store. The identity is the store-assigned sequence. Two transactions can
-- commit their identities out of order, but a lock's sequence is fixed before anyone can see it,
-- and the algorithms compare sequences of locks they have read, so "older" stays well defined.
CREATE TABLE locks (
  sequence      BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  task_id       TEXT    NOT NULL,
  owner         TEXT    NOT NULL,
  created_at_ns BIGINT  NOT NULL,
  expires_at_ns BIGINT  NOT NULL,
  faulted       INTEGER NOT NULL DEFAULT 0 CHECK (faulted IN (0, 1)),
  finished      INTEGER NOT NULL DEFAULT 0 CHECK (finished IN (0, 1)),
  resolved      INTEGER NOT NULL DEFAULT 0 CHECK (resolved IN (0, 1))
);
CREATE INDEX locks_by_task ON locks (task_id, sequence);

CREATE TABLE outbox (
  id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event_id        TEXT    NOT NULL,
  instance_id     TEXT    NOT NULL REFERENCES instances (instance_id),
  workflow        TEXT    NOT NULL,
  outcome_type    TEXT    NOT NULL,
  outcome_json    TEXT    NOT NULL,
  delivered_at_ns BIGINT
);
CREATE INDEX outbox_undelivered ON outbox (id) WHERE delivered_at_ns IS NULL;

-- Wakes idle workers: a task entered or made due notifies the channel 'railway.<schema>' in the
-- same transaction, so a listener hears it exactly when the work becomes visible (never before the
-- commit, never for a rolled-back one). Once per statement, and PostgreSQL folds repeats within a
-- transaction into one notification.
CREATE FUNCTION notify_due_work() RETURNS trigger LANGUAGE plpgsql AS
$$ BEGIN PERFORM pg_notify('railway.' || TG_TABLE_SCHEMA, 'due'); RETURN NULL; END $$;
CREATE TRIGGER tasks_due_work AFTER INSERT OR UPDATE OF due_at_ns ON tasks
  FOR EACH STATEMENT EXECUTE FUNCTION notify_due_work();
