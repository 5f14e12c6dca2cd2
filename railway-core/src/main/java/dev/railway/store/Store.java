package dev.railway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The one storage port of the engine. Implementations: in-memory (tests, simulation), SQLite
 * (embedded default) and PostgreSQL; all pass the same contract test suite.
 *
 * <p>Every method is atomic. Methods that can lose a race say so in their result instead of
 * throwing. Times that order or expire locks and leases come from {@link #now()}, the store's
 * clock, never from a worker's.
 *
 * <p>A store that cannot be reached throws {@link StoreUnavailableException}: transient, to be
 * retried after a backoff. Other exceptions are bugs or bad input.
 */
public interface Store extends AutoCloseable {

  /** The store's clock. */
  Instant now();

  /**
   * The longest one operation may wait for the database before it fails (SQLite's busy timeout, a
   * connection pool's timeout); zero where nothing waits. Every wait of the store is bounded by it.
   * A result that an attempt reaches at {@code expiry − grace} has the lock grace to be recorded
   * before its lock expires, so the engine warns about lock-based tasks whose grace is shorter.
   */
  default Duration longestWait() {
    return Duration.ZERO;
  }

  /**
   * How many operations the store serves at once: a pooled store's pool size, 1 for a store that
   * serializes its callers. Engines derive their bounds on in-flight work from it, so that callers
   * do not pile up waiting for connections. Unbounded by default.
   */
  default int concurrency() {
    return Integer.MAX_VALUE;
  }

  // ---- instances and triggers

  /**
   * Starts an instance unless {@code (workflow, triggerEventId)} was seen before. Appends {@code
   * TriggerAccepted} and {@code TaskEntered} to the new stream and enters the first task.
   *
   * @return {@link StartResult.Duplicate} for a seen trigger or instance id; {@link
   *     StartResult.DuplicateTaskId} when the first task's identifier is taken by any other task,
   *     open or decided (nothing is started then, and the trigger stays unseen)
   */
  StartResult start(NewInstance instance);

  /**
   * Starts many instances, with the rules of {@link #start(NewInstance)} for each, in as few
   * transactions as the store can: the engine batches triggers so one commit starts many instances.
   * A store that batches them may fail the whole batch when one instance is refused; the caller
   * then starts them one by one.
   *
   * @return one result per instance, in order
   */
  default List<StartResult> startAll(List<NewInstance> instances) {
    return instances.stream().map(this::start).toList();
  }

  Optional<InstanceRecord> instance(String instanceId);

  /** Every instance, oldest first; for reports and invariant checks. */
  List<InstanceRecord> instances();

  /** The instance's stream, oldest first. */
  List<StreamEvent> stream(String instanceId);

  /**
   * Appends to an instance's stream at {@code expectedVersion + 1}.
   *
   * @return false when the stream is no longer at {@code expectedVersion}
   */
  boolean append(
      String instanceId, long expectedVersion, String kind, String taskId, String detail);

  /** Appends at the current end of the stream, retrying on version conflicts. */
  default void appendLatest(String instanceId, String kind, String taskId, String detail) {
    for (int i = 0; i < 100; i++) {
      List<StreamEvent> s = stream(instanceId);
      long version = s.isEmpty() ? 0 : s.get(s.size() - 1).version();
      if (append(instanceId, version, kind, taskId, detail)) {
        return;
      }
    }
    throw new IllegalStateException("could not append to stream of " + instanceId);
  }

  /**
   * Appends each event at the current end of its stream, in as few transactions as the store can
   * (the engine batches attempt records from many tasks into one commit).
   */
  default void appendAll(List<StreamAppend> appends) {
    for (StreamAppend a : appends) {
      appendLatest(a.instanceId(), a.kind(), a.taskId(), a.detail());
    }
  }

  // ---- scheduling read model

  /**
   * Claims up to {@code limit} tasks whose due time has passed and whose lease is free, leasing
   * them to {@code owner} for {@code lease}. Correctness never depends on the lease: it only keeps
   * workers from doing the same work twice in the common case.
   */
  List<TaskEntry> claimDue(String owner, int limit, Duration lease);

  /** Makes a task due again at {@code dueAt} with {@code attempts}, releasing its lease. */
  void reschedule(String taskId, Instant dueAt, int attempts);

  /**
   * Like {@link #reschedule(String, Instant, int)}, but only while the task's lease is held by
   * {@code leaseOwner} (or by nobody): a worker whose lease lapsed and was claimed by another must
   * not release the other's lease, or a third worker could run the task at the same time.
   *
   * @return false, changing nothing, when another worker holds the lease or the task is decided or
   *     unknown
   */
  boolean reschedule(String taskId, String leaseOwner, Instant dueAt, int attempts);

  /** The task, whatever its state; empty once unknown. */
  Optional<TaskEntry> task(String taskId);

  /** The earliest due time among undecided tasks, to sleep until then. */
  Optional<Instant> nextDueAt();

  /** Open (undecided) ToDos of a workflow's task, oldest first. */
  List<TaskEntry> openTodos(String workflow, String taskName);

  /** Undecided tasks of every kind, for reports and invariant checks. */
  List<TaskEntry> openTasks();

  // ---- locks

  /** Writes a lock with a store-assigned sequence, created now and expiring after {@code ttl}. */
  Lock writeLock(String taskId, String owner, Duration ttl);

  /** Every lock of the task, by sequence. */
  List<Lock> locks(String taskId);

  void markLockFaulted(long sequence);

  void markLockFinished(long sequence);

  /**
   * Marks a possible failure on this lock as resolved by a compromise.
   *
   * @return false when it was already resolved (another attempt resolved it first)
   */
  boolean markLockResolved(long sequence);

  // ---- decisions

  /**
   * Records decisions in one transaction (group commit). Each is recorded only if its task has no
   * decision yet; a recorded decision closes its task and enters the next task or finishes the
   * instance (writing the outcome to the outbox) in the same transaction.
   *
   * @return one result per decision, in order
   */
  List<CommitResult> commit(List<DecisionRecord> decisions);

  Optional<DecisionRecord> decision(String taskId);

  /** Every decision of an instance, in order. */
  List<DecisionRecord> decisions(String instanceId);

  // ---- outbox

  /** Entries not delivered yet, parked ones included, oldest first; for reports and checks. */
  List<OutboxEntry> undelivered(int limit);

  /**
   * Claims up to {@code limit} outbox entries that are undelivered, not parked, due (their retry
   * time has passed) and not leased, oldest first, leasing them to {@code owner} for {@code lease}.
   * Concurrent claimers take disjoint entries, so one engine delivers each outcome in the normal
   * case; an entry whose lease runs out (its deliverer crashed) is claimed again.
   */
  List<OutboxEntry> claimOutbox(String owner, int limit, Duration lease);

  /**
   * Records a failed delivery of an entry: its failure count goes up, its lease is released, and it
   * is not claimed again before {@code delay} has passed on the store's clock.
   */
  void retryOutbox(long outboxId, Duration delay, String error);

  /**
   * Records a failed delivery and parks the entry: it stays undelivered, is never claimed again,
   * and is listed by {@link #parkedOutcomes} until {@link #unparkOutbox} makes it due again.
   */
  void parkOutbox(long outboxId, String error);

  /** Parked outbox entries, oldest first. */
  List<OutboxEntry> parkedOutcomes(int limit);

  /**
   * Makes a parked entry due at once with its failure count reset (after its listener was fixed).
   *
   * @return false when the entry is not parked (delivered, unknown or never parked)
   */
  boolean unparkOutbox(long outboxId);

  void markDelivered(long outboxId);

  /** Marks many outbox entries delivered, in as few transactions as the store can. */
  default void markAllDelivered(List<Long> outboxIds) {
    outboxIds.forEach(this::markDelivered);
  }

  // ---- queries for people (the console): answered from indexes by the JDBC stores

  /**
   * One page of a workflow's instances matching {@code query}, newest first. The JDBC stores answer
   * from indexes that start with the workflow (no scan of other workflows' instances, none of
   * earlier pages); this default scans, which suits the in-memory store.
   */
  default InstancePage findInstances(InstanceQuery query) {
    List<InstanceRecord> all = instances();
    List<TaskEntry> open = openTasks();
    List<InstanceRecord> page = new java.util.ArrayList<>();
    long position = query.before() == null ? all.size() + 1L : query.before();
    for (int i = (int) Math.min(all.size(), position - 1) - 1; i >= 0; i--) {
      InstanceRecord r = all.get(i);
      if (StoreQueries.matches(this, query, r, open)) {
        if (page.size() == query.limit()) {
          return new InstancePage(page, i + 2L);
        }
        page.add(r);
      }
    }
    return new InstancePage(page, null);
  }

  /** How many open tasks of {@code workflow} wait in each task, by task name. */
  default java.util.Map<String, Long> openTaskCounts(String workflow) {
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    for (TaskEntry t : openTasks()) {
      if (t.workflow().equals(workflow)) {
        counts.merge(t.taskName(), 1L, Long::sum);
      }
    }
    return counts;
  }

  /** How many decisions of {@code workflow}'s tasks went down each edge since {@code since}. */
  default List<EdgeCount> edgeCounts(String workflow, Instant since) {
    java.util.Map<List<String>, Long> counts = new java.util.LinkedHashMap<>();
    for (InstanceRecord r : instances()) {
      if (r.workflow().equals(workflow)) {
        for (DecisionRecord d : decisions(r.instanceId())) {
          if (!d.decidedAt().isBefore(since)) {
            counts.merge(List.of(d.taskName(), d.event().type(), d.cause()), 1L, Long::sum);
          }
        }
      }
    }
    return counts.entrySet().stream()
        .map(e ->
            new EdgeCount(e.getKey().get(0), e.getKey().get(1), e.getKey().get(2), e.getValue()))
        .toList();
  }

  /** Open tasks due before {@code dueBefore}, earliest due first: overdue work. */
  default List<TaskEntry> overdueTasks(Instant dueBefore, int limit) {
    return openTasks().stream()
        .filter(t -> t.dueAt() != null && t.dueAt().isBefore(dueBefore))
        .sorted(java.util.Comparator.comparing(TaskEntry::dueAt))
        .limit(limit)
        .toList();
  }

  /** Open ToDos whose deadline is before {@code deadlineBefore}, earliest first. */
  default List<TaskEntry> expiringTodos(Instant deadlineBefore, int limit) {
    return openTasks().stream()
        .filter(t -> t.todo() && t.deadlineAt() != null && t.deadlineAt().isBefore(deadlineBefore))
        .sorted(java.util.Comparator.comparing(TaskEntry::deadlineAt))
        .limit(limit)
        .toList();
  }

  /**
   * Possible failures and faults that wait for a person: decisions with cause {@code
   * POSSIBLE_FAILURE} or {@code FAULT} whose next task is an open ToDo, oldest first.
   */
  default List<DecisionRecord> doubtsAwaitingPeople(int limit) {
    java.util.Set<String> openTodos = new java.util.HashSet<>();
    for (TaskEntry t : openTasks()) {
      if (t.todo()) {
        openTodos.add(t.taskId());
      }
    }
    List<DecisionRecord> found = new java.util.ArrayList<>();
    for (InstanceRecord r : instances()) {
      for (DecisionRecord d : decisions(r.instanceId())) {
        if (StoreQueries.isDoubt(d)
            && d.next() instanceof NextStep.Enter e
            && openTodos.contains(e.task().taskId())) {
          found.add(d);
          if (found.size() == limit) {
            return found;
          }
        }
      }
    }
    return found;
  }

  // ---- wake-ups

  /**
   * Calls {@code wake} whenever due work may have appeared, including work added by other
   * processes, so that an idle engine need not wait for its next poll. A hint only: it may come
   * late, twice, or not at all (e.g. while reconnecting), so engines keep polling as well. Stores
   * without such a signal return a subscription that does nothing.
   */
  default Subscription onDueWork(Runnable wake) {
    java.util.Objects.requireNonNull(wake, "wake");
    return () -> {};
  }

  /** Ends an {@link #onDueWork} registration. */
  @FunctionalInterface
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }

  @Override
  void close();
}
