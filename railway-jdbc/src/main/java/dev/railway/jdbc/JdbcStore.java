package dev.railway.jdbc;

import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Lock;
import dev.railway.store.NewInstance;
import dev.railway.store.NextStep;
import dev.railway.store.OutboxEntry;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import dev.railway.store.StreamAppend;
import dev.railway.store.StreamEvent;
import dev.railway.store.TaskEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The store over one JDBC connection, for any {@link SqlDialect}. Every method is one transaction,
 * run under one {@link ReentrantLock}: writes are serialized (SQLite has a single writer anyway)
 * and every read sees one committed state. A {@code ReentrantLock}, not {@code synchronized}, so
 * that virtual threads waiting for the store do not pin their carrier threads.
 */
final class JdbcStore implements Store {
  private final Connection connection;
  private final SqlDialect dialect;
  private final String database;
  private final ReentrantLock lock = new ReentrantLock();
  private final InstanceTable instances = new InstanceTable();
  private final TaskTable tasks;
  private final LockTable locks = new LockTable();
  private final DecisionTable decisions = new DecisionTable();
  private final OutboxTable outbox = new OutboxTable();
  private boolean closed;

  /**
   * @param connection migrated, outside auto-commit; the store owns and closes it
   * @param database how to name the database in messages (its path or URL)
   */
  JdbcStore(Connection connection, SqlDialect dialect, String database) {
    this.connection = connection;
    this.dialect = dialect;
    this.database = database;
    this.tasks = new TaskTable(dialect);
  }

  /** One transaction's work. */
  @FunctionalInterface
  private interface Work<T> {
    T run(Connection c, Instant now) throws SQLException;
  }

  private <T> T transaction(String operation, Work<T> work) {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("store " + database + " is closed");
      }
      try {
        T result = work.run(connection, dialect.now(connection));
        connection.commit();
        return result;
      } catch (SQLException e) {
        rollback(e);
        throw new IllegalStateException(
            "%s store %s: %s failed: %s"
                .formatted(dialect.name(), database, operation, e.getMessage()),
            e);
      } catch (RuntimeException | Error e) {
        rollback(e);
        throw e;
      }
    } finally {
      lock.unlock();
    }
  }

  private void rollback(Throwable cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public Instant now() {
    return transaction("now", (c, now) -> now);
  }

  // ---- instances and triggers

  @Override
  public StartResult start(NewInstance n) {
    requireInstance(n);
    return transaction("start " + n.instanceId(), (c, now) -> startOne(c, n, now));
  }

  /** Many starts, one transaction: one commit for a whole batch of triggers. */
  @Override
  public List<StartResult> startAll(List<NewInstance> batch) {
    Objects.requireNonNull(batch, "instances");
    batch.forEach(JdbcStore::requireInstance);
    if (batch.isEmpty()) {
      return List.of();
    }
    return transaction(
        "start " + batch.size() + " instance(s)",
        (c, now) -> {
          List<StartResult> results = new ArrayList<>(batch.size());
          for (NewInstance n : batch) {
            results.add(startOne(c, n, now));
          }
          return results;
        });
  }

  private StartResult startOne(Connection c, NewInstance n, Instant now) throws SQLException {
    if (!instances.insert(c, n)) {
      return new StartResult.Duplicate(
          instances.byTrigger(c, n.workflow(), n.triggerEventId()).orElse(n.instanceId()));
    }
    instances.appendLatest(c, n.instanceId(), "TriggerAccepted", null, n.triggerEventId(), now);
    enter(c, n.firstTask(), now);
    return new StartResult.Started(n.instanceId());
  }

  private static void requireInstance(NewInstance n) {
    Objects.requireNonNull(n, "instance");
    requireNonNull(n.instanceId(), "instanceId", n);
    requireNonNull(n.workflow(), "workflow", n);
    requireNonNull(n.triggerEventId(), "triggerEventId", n);
    requireNonNull(n.trigger(), "trigger", n);
    requireTask(n.firstTask(), n);
  }

  /** Enters a task the caller knows to be new, or refuses the whole transaction. */
  private void enter(Connection c, TaskEntry t, Instant now) throws SQLException {
    if (!tasks.insert(c, t)) {
      throw new IllegalArgumentException(
          "task identifier %s of instance %s is already taken by another task"
              .formatted(t.taskId(), t.instanceId()));
    }
    instances.appendLatest(c, t.instanceId(), "TaskEntered", t.taskId(), t.taskName(), now);
  }

  @Override
  public Optional<InstanceRecord> instance(String instanceId) {
    return transaction("read instance " + instanceId, (c, now) -> instances.find(c, instanceId));
  }

  @Override
  public List<InstanceRecord> instances() {
    return transaction("list instances", (c, now) -> instances.all(c));
  }

  @Override
  public List<StreamEvent> stream(String instanceId) {
    return transaction("read stream of " + instanceId, (c, now) -> instances.stream(c, instanceId));
  }

  @Override
  public boolean append(
      String instanceId, long expectedVersion, String kind, String taskId, String detail) {
    Objects.requireNonNull(kind, "kind");
    return transaction(
        "append to " + instanceId,
        (c, now) -> instances.append(c, instanceId, expectedVersion, kind, taskId, detail, now));
  }

  @Override
  public void appendLatest(String instanceId, String kind, String taskId, String detail) {
    Objects.requireNonNull(kind, "kind");
    transaction(
        "append to " + instanceId,
        (c, now) -> {
          instances.appendLatest(c, instanceId, kind, taskId, detail, now);
          return null;
        });
  }

  /** Many appends, one transaction: the engine's attempt records of many tasks. */
  @Override
  public void appendAll(List<StreamAppend> batch) {
    Objects.requireNonNull(batch, "appends");
    batch.forEach(a -> Objects.requireNonNull(a.kind(), "kind"));
    if (batch.isEmpty()) {
      return;
    }
    transaction(
        "append " + batch.size() + " event(s)",
        (c, now) -> {
          for (StreamAppend a : batch) {
            instances.appendLatest(c, a.instanceId(), a.kind(), a.taskId(), a.detail(), now);
          }
          return null;
        });
  }

  // ---- scheduling read model

  @Override
  public List<TaskEntry> claimDue(String owner, int limit, Duration lease) {
    Objects.requireNonNull(owner, "owner");
    if (limit < 0) {
      throw new IllegalArgumentException("claim limit must not be negative, was " + limit);
    }
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    return transaction(
        "claim due tasks for " + owner,
        (c, now) -> limit == 0 ? List.of() : tasks.claimDue(c, owner, limit, lease, now));
  }

  @Override
  public void reschedule(String taskId, Instant dueAt, int attempts) {
    transaction(
        "reschedule " + taskId,
        (c, now) -> {
          tasks.reschedule(c, taskId, dueAt, attempts);
          return null;
        });
  }

  @Override
  public Optional<TaskEntry> task(String taskId) {
    return transaction("read task " + taskId, (c, now) -> tasks.find(c, taskId));
  }

  @Override
  public Optional<Instant> nextDueAt() {
    return transaction("read next due time", (c, now) -> tasks.nextDueAt(c));
  }

  @Override
  public List<TaskEntry> openTodos(String workflow, String taskName) {
    return transaction(
        "list open ToDos of " + workflow + "/" + taskName,
        (c, now) -> tasks.openTodos(c, workflow, taskName));
  }

  @Override
  public List<TaskEntry> openTasks() {
    return transaction("list open tasks", (c, now) -> tasks.open(c));
  }

  // ---- locks

  @Override
  public Lock writeLock(String taskId, String owner, Duration ttl) {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(owner, "owner");
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("lock time to live must not be negative, was " + ttl);
    }
    return transaction(
        "write lock for " + taskId, (c, now) -> locks.write(c, taskId, owner, ttl, now));
  }

  @Override
  public List<Lock> locks(String taskId) {
    return transaction("read locks of " + taskId, (c, now) -> locks.ofTask(c, taskId));
  }

  @Override
  public void markLockFaulted(long sequence) {
    transaction(
        "mark lock " + sequence + " faulted",
        (c, now) -> {
          locks.markFaulted(c, sequence);
          return null;
        });
  }

  @Override
  public void markLockFinished(long sequence) {
    transaction(
        "mark lock " + sequence + " finished",
        (c, now) -> {
          locks.markFinished(c, sequence);
          return null;
        });
  }

  @Override
  public boolean markLockResolved(long sequence) {
    return transaction(
        "mark lock " + sequence + " resolved", (c, now) -> locks.markResolved(c, sequence));
  }

  // ---- decisions

  @Override
  public List<CommitResult> commit(List<DecisionRecord> batch) {
    Objects.requireNonNull(batch, "decisions");
    batch.forEach(JdbcStore::requireDecision);
    if (batch.isEmpty()) {
      return List.of();
    }
    return transaction(
        "commit " + batch.size() + " decision(s)",
        (c, now) -> {
          List<CommitResult> results = new ArrayList<>(batch.size());
          for (DecisionRecord d : batch) {
            results.add(commitOne(c, d, now));
          }
          return results;
        });
  }

  /**
   * One decision of a group commit, inside a savepoint: if its next task's identifier is taken, the
   * decision is undone and the rest of the batch goes on.
   */
  private CommitResult commitOne(Connection c, DecisionRecord d, Instant now) throws SQLException {
    instances.requireExists(c, d.instanceId());
    Savepoint savepoint = c.setSavepoint();
    if (!decisions.insert(c, d)) {
      c.releaseSavepoint(savepoint);
      return new CommitResult.AlreadyDecided(decisions.find(c, d.taskId()).orElseThrow());
    }
    if (d.next() instanceof NextStep.Enter e && !tasks.insert(c, e.task())) {
      c.rollback(savepoint);
      return new CommitResult.DuplicateTaskId(e.task().taskId());
    }
    tasks.close(c, d.taskId());
    instances.appendLatest(
        c, d.instanceId(), "Decided", d.taskId(), d.cause() + " " + d.event().type(), now);
    switch (d.next()) {
      case NextStep.Enter e ->
          instances.appendLatest(
              c, d.instanceId(), "TaskEntered", e.task().taskId(), e.task().taskName(), now);
      case NextStep.Finish f -> {
        instances.finish(c, d.instanceId(), f.outcome());
        instances.appendLatest(c, d.instanceId(), "Finished", d.taskId(), f.outcome().type(), now);
        String workflow = instances.find(c, d.instanceId()).orElseThrow().workflow();
        outbox.add(c, d.instanceId(), workflow, f.outcome());
      }
    }
    c.releaseSavepoint(savepoint);
    return new CommitResult.Recorded();
  }

  @Override
  public Optional<DecisionRecord> decision(String taskId) {
    return transaction("read decision of " + taskId, (c, now) -> decisions.find(c, taskId));
  }

  @Override
  public List<DecisionRecord> decisions(String instanceId) {
    return transaction(
        "read decisions of " + instanceId, (c, now) -> decisions.ofInstance(c, instanceId));
  }

  // ---- outbox

  @Override
  public List<OutboxEntry> undelivered(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("outbox limit must not be negative, was " + limit);
    }
    return transaction("read outbox", (c, now) -> outbox.undelivered(c, limit));
  }

  @Override
  public void markDelivered(long outboxId) {
    transaction(
        "mark outbox entry " + outboxId + " delivered",
        (c, now) -> {
          outbox.markDelivered(c, outboxId, now);
          return null;
        });
  }

  @Override
  public void markAllDelivered(List<Long> outboxIds) {
    Objects.requireNonNull(outboxIds, "outboxIds");
    if (outboxIds.isEmpty()) {
      return;
    }
    transaction(
        "mark " + outboxIds.size() + " outbox entries delivered",
        (c, now) -> {
          for (long id : outboxIds) {
            outbox.markDelivered(c, id, now);
          }
          return null;
        });
  }

  /** The value of a PRAGMA (or any single-value query) on the store's connection; diagnostics. */
  String queryValue(String sql) {
    return transaction(
        sql,
        (c, now) -> {
          try (var s = c.createStatement();
              var r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
          }
        });
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "closing " + dialect.name() + " store " + database + " failed: " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  // ---- input checks: refuse before touching the database, naming what is wrong

  private static void requireDecision(DecisionRecord d) {
    Objects.requireNonNull(d, "decision");
    requireNonNull(d.instanceId(), "instanceId", d);
    requireNonNull(d.taskId(), "taskId", d);
    requireNonNull(d.taskName(), "taskName", d);
    requireNonNull(d.event(), "event", d);
    requireNonNull(d.cause(), "cause", d);
    requireNonNull(d.decidedAt(), "decidedAt", d);
    requireNonNull(d.next(), "next", d);
    switch (d.next()) {
      case NextStep.Enter e -> requireTask(e.task(), d);
      case NextStep.Finish f -> requireNonNull(f.outcome(), "outcome", d);
    }
  }

  private static void requireTask(TaskEntry t, Object in) {
    requireNonNull(t, "task", in);
    requireNonNull(t.taskId(), "taskId", t);
    requireNonNull(t.instanceId(), "instanceId", t);
    requireNonNull(t.workflow(), "workflow", t);
    requireNonNull(t.taskName(), "taskName", t);
    requireNonNull(t.enteredAt(), "enteredAt", t);
  }

  private static void requireNonNull(Object value, String field, Object in) {
    if (value == null) {
      throw new IllegalArgumentException(field + " is missing in " + in);
    }
  }
}
