package dev.railway.jdbc;

import dev.railway.jdbc.InstanceTable.Appended;
import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Lock;
import dev.railway.store.NewInstance;
import dev.railway.store.NextStep;
import dev.railway.store.OutboxEntry;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import dev.railway.store.StreamAppend;
import dev.railway.store.StreamEvent;
import dev.railway.store.TaskEntry;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store in SQL, for any {@link SqlDialect} and {@link ConnectionSource}: every method is one
 * transaction on a connection from the source. The atomicity and uniqueness guarantees are the
 * database's (unique keys, row locks, compare-and-set updates), so the same code is right whether
 * the source serializes callers (SQLite) or lets them run at once (a PostgreSQL pool).
 *
 * <p>Failures: a transaction the database aborted to break a conflict is run again; one that lost
 * its connection before committing is run again on a fresh connection when the source can give one;
 * what is left is thrown, as {@link StoreUnavailableException} when the database is unreachable
 * (including a commit whose outcome is unknown) and as {@link IllegalStateException} otherwise.
 */
abstract class JdbcStore implements Store {
  private static final Logger log = LoggerFactory.getLogger(JdbcStore.class);

  /** Deadlocks and serialization failures are rare and resolve at once: a few quick tries. */
  private static final int CONFLICT_TRIES = 10;

  /** Reconnecting: the backoff before each new try, after which the failure is thrown. */
  private static final List<Duration> RECONNECT_BACKOFF =
      List.of(
          Duration.ofMillis(20),
          Duration.ofMillis(100),
          Duration.ofMillis(400),
          Duration.ofSeconds(1));

  private final ConnectionSource connections;
  private final SqlDialect dialect;
  private final String database;
  private final InstanceTable instances = new InstanceTable();
  private final TaskTable tasks;
  private final LockTable locks = new LockTable();
  private final DecisionTable decisions = new DecisionTable();
  private final SearchQueries search = new SearchQueries();
  private final OutboxTable outbox;
  private volatile boolean closed;

  /**
   * @param connections giving migrated connections; the store owns and closes it
   * @param database how to name the database in messages (its path or URL)
   */
  JdbcStore(ConnectionSource connections, SqlDialect dialect, String database) {
    this.connections = connections;
    this.dialect = dialect;
    this.database = database;
    this.tasks = new TaskTable(dialect);
    this.outbox = new OutboxTable(dialect);
  }

  /** One transaction in progress: its connection, and the store clock read at most once. */
  final class Tx {
    final Connection c;
    private Instant now;

    private Tx(Connection c) {
      this.c = c;
    }

    /** The store clock; read from the database on first use only, as not every call needs it. */
    Instant now() throws SQLException {
      if (now == null) {
        now = dialect.now(c);
      }
      return now;
    }
  }

  /** One transaction's work; may run more than once (see the class comment), so no side effects. */
  @FunctionalInterface
  interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  final <T> T transaction(String operation, Work<T> work) {
    int conflicts = 0;
    int reconnects = 0;
    while (true) {
      requireOpen();
      Connection c;
      try {
        c = connections.acquire();
      } catch (SQLException e) {
        // The pool already waited its connection timeout for a working connection.
        throw failure(operation, e);
      }
      boolean committing = false;
      try {
        requireOpen();
        T result = work.run(new Tx(c));
        committing = true;
        c.commit();
        return result;
      } catch (SQLException e) {
        rollback(c, e);
        SqlFailure kind = dialect.classify(e);
        if (kind == SqlFailure.UNAVAILABLE) {
          connections.connectionLost();
        }
        if (kind == SqlFailure.CONFLICT && ++conflicts < CONFLICT_TRIES) {
          log.debug("{} conflicted with another transaction; running it again", operation);
          continue;
        }
        // Before the commit was sent, the server dropped the whole transaction with the
        // connection: trying again cannot do anything twice. A failed commit is in doubt: only the
        // caller can tell (e.g. by reading back), so it gets the exception.
        if (kind == SqlFailure.UNAVAILABLE
            && !committing
            && connections.reconnects()
            && reconnects < RECONNECT_BACKOFF.size()) {
          Duration backoff = RECONNECT_BACKOFF.get(reconnects++);
          log.info("{} lost its connection ({}); retrying in {}", operation, e.toString(), backoff);
          pause(backoff);
          continue;
        }
        throw failure(operation, e);
      } catch (RuntimeException | Error e) {
        rollback(c, e);
        throw e;
      } finally {
        connections.release(c);
      }
    }
  }

  private RuntimeException failure(String operation, SQLException e) {
    String message =
        "%s store %s: %s failed: %s".formatted(dialect.name(), database, operation, e.getMessage());
    if (dialect.classify(e) == SqlFailure.UNAVAILABLE) {
      return new StoreUnavailableException(message + " (transient: try again later)", e);
    }
    return new IllegalStateException(message, e);
  }

  private static void pause(Duration backoff) {
    try {
      Thread.sleep(backoff);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException("interrupted while waiting to reconnect", e);
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException(dialect.name() + " store " + database + " is closed");
    }
  }

  private static void rollback(Connection c, Throwable cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  @Override
  public int concurrency() {
    return connections.concurrency();
  }

  @Override
  public Instant now() {
    return transaction("now", tx -> tx.now());
  }

  // ---- instances and triggers

  @Override
  public StartResult start(NewInstance n) {
    requireInstance(n);
    return transaction("start " + n.instanceId(), tx -> startOne(tx, n));
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
        tx -> {
          List<StartResult> results = new ArrayList<>(batch.size());
          for (NewInstance n : batch) {
            results.add(startOne(tx, n));
          }
          return results;
        });
  }

  private StartResult startOne(Tx tx, NewInstance n) throws SQLException {
    if (!instances.insert(tx.c, n)) {
      return new StartResult.Duplicate(
          instances.byTrigger(tx.c, n.workflow(), n.triggerEventId()).orElse(n.instanceId()));
    }
    TaskEntry first = n.firstTask();
    if (!tasks.insert(tx.c, first)) {
      // Undone rather than rolled back, so the answer is an ordinary result.
      instances.delete(tx.c, n.instanceId());
      return new StartResult.DuplicateTaskId(first.taskId());
    }
    instances.appendLatest(
        tx.c,
        n.instanceId(),
        List.of(
            new Appended("TriggerAccepted", null, n.triggerEventId()),
            new Appended("TaskEntered", first.taskId(), first.taskName())),
        tx.now());
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

  @Override
  public Optional<InstanceRecord> instance(String instanceId) {
    return transaction("read instance " + instanceId, tx -> instances.find(tx.c, instanceId));
  }

  @Override
  public List<InstanceRecord> instances() {
    return transaction("list instances", tx -> instances.all(tx.c));
  }

  @Override
  public List<StreamEvent> stream(String instanceId) {
    return transaction("read stream of " + instanceId, tx -> instances.stream(tx.c, instanceId));
  }

  @Override
  public boolean append(
      String instanceId, long expectedVersion, String kind, String taskId, String detail) {
    Objects.requireNonNull(kind, "kind");
    return transaction(
        "append to " + instanceId,
        tx -> instances.append(tx.c, instanceId, expectedVersion, kind, taskId, detail, tx.now()));
  }

  @Override
  public void appendLatest(String instanceId, String kind, String taskId, String detail) {
    Objects.requireNonNull(kind, "kind");
    transaction(
        "append to " + instanceId,
        tx -> {
          instances.appendLatest(tx.c, instanceId, kind, taskId, detail, tx.now());
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
        tx -> {
          for (StreamAppend a : batch) {
            instances.appendLatest(
                tx.c, a.instanceId(), a.kind(), a.taskId(), a.detail(), tx.now());
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
        tx -> limit == 0 ? List.of() : tasks.claimDue(tx.c, owner, limit, lease, tx.now()));
  }

  @Override
  public void reschedule(String taskId, Instant dueAt, int attempts) {
    reschedule(taskId, null, dueAt, attempts);
  }

  @Override
  public boolean reschedule(String taskId, String leaseOwner, Instant dueAt, int attempts) {
    return transaction(
        "reschedule " + taskId, tx -> tasks.reschedule(tx.c, taskId, leaseOwner, dueAt, attempts));
  }

  @Override
  public Optional<TaskEntry> task(String taskId) {
    return transaction("read task " + taskId, tx -> tasks.find(tx.c, taskId));
  }

  @Override
  public Optional<Instant> nextDueAt() {
    return transaction("read next due time", tx -> tasks.nextDueAt(tx.c));
  }

  @Override
  public List<TaskEntry> openTodos(String workflow, String taskName) {
    return transaction(
        "list open ToDos of " + workflow + "/" + taskName,
        tx -> tasks.openTodos(tx.c, workflow, taskName));
  }

  @Override
  public List<TaskEntry> openTasks() {
    return transaction("list open tasks", tx -> tasks.open(tx.c));
  }

  // ---- queries for people

  @Override
  public dev.railway.store.InstancePage findInstances(dev.railway.store.InstanceQuery query) {
    Objects.requireNonNull(query, "query");
    return transaction(
        "search instances of " + query.workflow(), tx -> search.findInstances(tx.c, query));
  }

  @Override
  public java.util.Map<String, Long> openTaskCounts(String workflow) {
    Objects.requireNonNull(workflow, "workflow");
    return transaction(
        "count open tasks of " + workflow, tx -> search.openTaskCounts(tx.c, workflow));
  }

  @Override
  public List<dev.railway.store.EdgeCount> edgeCounts(String workflow, Instant since) {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(since, "since");
    return transaction(
        "count decisions of " + workflow, tx -> search.edgeCounts(tx.c, workflow, since));
  }

  @Override
  public List<TaskEntry> overdueTasks(Instant dueBefore, int limit) {
    Objects.requireNonNull(dueBefore, "dueBefore");
    requireLimit(limit);
    return transaction("list overdue tasks", tx -> search.overdueTasks(tx.c, dueBefore, limit));
  }

  @Override
  public List<TaskEntry> expiringTodos(Instant deadlineBefore, int limit) {
    Objects.requireNonNull(deadlineBefore, "deadlineBefore");
    requireLimit(limit);
    return transaction(
        "list expiring ToDos", tx -> search.expiringTodos(tx.c, deadlineBefore, limit));
  }

  @Override
  public List<DecisionRecord> doubtsAwaitingPeople(int limit) {
    requireLimit(limit);
    return transaction(
        "list possible failures awaiting people", tx -> search.doubtsAwaitingPeople(tx.c, limit));
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
        "write lock for " + taskId,
        tx -> {
          // Where writers run concurrently, two lock writes for one task must commit in sequence
          // order, or an attempt could miss an older lock that commits after it looked. The clock
          // is read after waiting, so the lock's time is when it was really written.
          dialect.lockTaskIds(tx.c, List.of(taskId));
          return locks.write(tx.c, taskId, owner, ttl, tx.now());
        });
  }

  @Override
  public List<Lock> locks(String taskId) {
    return transaction("read locks of " + taskId, tx -> locks.ofTask(tx.c, taskId));
  }

  @Override
  public void markLockFaulted(long sequence) {
    transaction(
        "mark lock " + sequence + " faulted",
        tx -> {
          locks.markFaulted(tx.c, sequence);
          return null;
        });
  }

  @Override
  public void markLockFinished(long sequence) {
    transaction(
        "mark lock " + sequence + " finished",
        tx -> {
          locks.markFinished(tx.c, sequence);
          return null;
        });
  }

  @Override
  public boolean markLockResolved(long sequence) {
    return transaction(
        "mark lock " + sequence + " resolved", tx -> locks.markResolved(tx.c, sequence));
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
        tx -> {
          instances.requireAllExist(tx.c, batch.stream().map(DecisionRecord::instanceId).toList());
          dialect.lockTaskIds(tx.c, touchedTaskIds(batch));
          List<CommitResult> results = new ArrayList<>(batch.size());
          for (DecisionRecord d : batch) {
            results.add(commitOne(tx, d));
          }
          return results;
        });
  }

  private static List<String> touchedTaskIds(List<DecisionRecord> batch) {
    List<String> ids = new ArrayList<>();
    for (DecisionRecord d : batch) {
      ids.add(d.taskId());
      if (d.next() instanceof NextStep.Enter e) {
        ids.add(e.task().taskId());
      }
    }
    return ids;
  }

  /**
   * One decision of a group commit. If its next task's identifier is taken, the decision just
   * inserted is deleted again and the rest of the batch goes on: the same effect as a savepoint
   * around every decision, without its two extra round trips per decision on a server.
   */
  private CommitResult commitOne(Tx tx, DecisionRecord d) throws SQLException {
    if (!decisions.insert(tx.c, d)) {
      return new CommitResult.AlreadyDecided(decisions.find(tx.c, d.taskId()).orElseThrow());
    }
    if (d.next() instanceof NextStep.Enter e && !tasks.insert(tx.c, e.task())) {
      decisions.delete(tx.c, d.taskId());
      return new CommitResult.DuplicateTaskId(e.task().taskId());
    }
    tasks.close(tx.c, d.taskId());
    Appended decided = new Appended("Decided", d.taskId(), d.streamDetail());
    switch (d.next()) {
      case NextStep.Enter e ->
          instances.appendLatest(
              tx.c,
              d.instanceId(),
              List.of(decided, new Appended("TaskEntered", e.task().taskId(), e.task().taskName())),
              tx.now());
      case NextStep.Finish f -> {
        String workflow = instances.finish(tx.c, d.instanceId(), f.outcome());
        instances.appendLatest(
            tx.c,
            d.instanceId(),
            List.of(decided, new Appended("Finished", d.taskId(), f.outcome().type())),
            tx.now());
        outbox.add(tx.c, d.instanceId(), workflow, f.outcome());
      }
    }
    return new CommitResult.Recorded();
  }

  @Override
  public Optional<DecisionRecord> decision(String taskId) {
    return transaction("read decision of " + taskId, tx -> decisions.find(tx.c, taskId));
  }

  @Override
  public List<DecisionRecord> decisions(String instanceId) {
    return transaction(
        "read decisions of " + instanceId, tx -> decisions.ofInstance(tx.c, instanceId));
  }

  // ---- outbox

  @Override
  public List<OutboxEntry> undelivered(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("outbox limit must not be negative, was " + limit);
    }
    return transaction("read outbox", tx -> outbox.undelivered(tx.c, limit));
  }

  @Override
  public void markDelivered(long outboxId) {
    transaction(
        "mark outbox entry " + outboxId + " delivered",
        tx -> {
          outbox.markDelivered(tx.c, outboxId, tx.now());
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
        tx -> {
          for (long id : outboxIds) {
            outbox.markDelivered(tx.c, id, tx.now());
          }
          return null;
        });
  }

  @Override
  public List<OutboxEntry> claimOutbox(String owner, int limit, Duration lease) {
    Objects.requireNonNull(owner, "owner");
    requireOutboxLimit(limit);
    if (lease == null || lease.isNegative() || lease.isZero()) {
      throw new IllegalArgumentException("lease must be positive, was " + lease);
    }
    return transaction(
        "claim outbox entries for " + owner,
        tx -> limit == 0 ? List.of() : outbox.claim(tx.c, owner, limit, lease, tx.now()));
  }

  @Override
  public void retryOutbox(long outboxId, Duration delay, String error) {
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("retry delay must not be negative, was " + delay);
    }
    transaction(
        "retry outbox entry " + outboxId,
        tx -> {
          outbox.retry(tx.c, outboxId, tx.now().plus(delay), error);
          return null;
        });
  }

  @Override
  public void parkOutbox(long outboxId, String error) {
    transaction(
        "park outbox entry " + outboxId,
        tx -> {
          outbox.park(tx.c, outboxId, tx.now(), error);
          return null;
        });
  }

  @Override
  public List<OutboxEntry> parkedOutcomes(int limit) {
    requireOutboxLimit(limit);
    return transaction("read parked outcomes", tx -> outbox.parked(tx.c, limit));
  }

  @Override
  public boolean unparkOutbox(long outboxId) {
    return transaction(
        "unpark outbox entry " + outboxId, tx -> outbox.unpark(tx.c, outboxId, tx.now()));
  }

  private static void requireLimit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, was " + limit);
    }
  }

  private static void requireOutboxLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("outbox limit must not be negative, was " + limit);
    }
  }

  /** The value of a PRAGMA (or any single-value query) on the store's connection; diagnostics. */
  String queryValue(String sql) {
    return transaction(
        sql,
        tx -> {
          try (var s = tx.c.createStatement();
              var r = s.executeQuery(sql)) {
            return r.next() ? r.getString(1) : null;
          }
        });
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      connections.close();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "closing " + dialect.name() + " store " + database + " failed: " + e.getMessage(), e);
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
