package dev.railway.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reference store: all state in memory behind one monitor, so every method is trivially atomic.
 * For unit tests and simulation; its clock is the injected one.
 */
public final class InMemoryStore implements Store {
  private final Clock clock;
  private final Map<String, InstanceRecord> instances = new LinkedHashMap<>();
  private final Map<String, String> triggers = new HashMap<>();
  private final Map<String, List<StreamEvent>> streams = new HashMap<>();
  private final Map<String, TaskEntry> tasks = new LinkedHashMap<>();
  private final Map<String, String> leases = new HashMap<>();
  private final Map<String, Instant> leaseUntil = new HashMap<>();
  private final Set<String> closedTasks = new HashSet<>();
  private final Map<String, List<Lock>> locks = new HashMap<>();
  private final Map<Long, Lock> locksBySequence = new HashMap<>();
  private final Map<String, DecisionRecord> decisions = new LinkedHashMap<>();
  private final Map<Long, OutboxSlot> outbox = new LinkedHashMap<>();
  private long lockSequence;
  private long outboxSequence;
  private boolean closed;

  public InMemoryStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Instant now() {
    return clock.instant();
  }

  @Override
  public synchronized StartResult start(NewInstance n) {
    open();
    String key = n.workflow() + "\u0000" + n.triggerEventId();
    String existing = triggers.get(key);
    if (existing != null) {
      return new StartResult.Duplicate(existing);
    }
    if (instances.containsKey(n.instanceId())) {
      return new StartResult.Duplicate(n.instanceId());
    }
    String firstTaskId = n.firstTask().taskId();
    if (tasks.containsKey(firstTaskId) || decisions.containsKey(firstTaskId)) {
      return new StartResult.DuplicateTaskId(firstTaskId);
    }
    triggers.put(key, n.instanceId());
    instances.put(
        n.instanceId(),
        new InstanceRecord(
            n.instanceId(), n.workflow(), "RUNNING", n.trigger(), null, n.traceContext()));
    streams.put(n.instanceId(), new ArrayList<>());
    appendNow(n.instanceId(), "TriggerAccepted", null, n.triggerEventId());
    enter(n.firstTask());
    return new StartResult.Started(n.instanceId());
  }

  private void enter(TaskEntry t) {
    tasks.put(t.taskId(), t);
    appendNow(t.instanceId(), "TaskEntered", t.taskId(), t.taskName());
  }

  private void appendNow(String instanceId, String kind, String taskId, String detail) {
    List<StreamEvent> s = streams.get(instanceId);
    s.add(new StreamEvent(instanceId, s.size() + 1L, kind, taskId, detail, clock.instant()));
  }

  @Override
  public synchronized Optional<InstanceRecord> instance(String instanceId) {
    return Optional.ofNullable(instances.get(instanceId));
  }

  @Override
  public synchronized List<InstanceRecord> instances() {
    return List.copyOf(instances.values());
  }

  @Override
  public synchronized List<StreamEvent> stream(String instanceId) {
    return List.copyOf(streams.getOrDefault(instanceId, List.of()));
  }

  @Override
  public synchronized boolean append(
      String instanceId, long expectedVersion, String kind, String taskId, String detail) {
    open();
    List<StreamEvent> s = streams.get(instanceId);
    if (s == null) {
      throw new IllegalArgumentException("no instance " + instanceId);
    }
    if (s.size() != expectedVersion) {
      return false;
    }
    appendNow(instanceId, kind, taskId, detail);
    return true;
  }

  @Override
  public synchronized void appendLatest(
      String instanceId, String kind, String taskId, String detail) {
    append(instanceId, streams.get(instanceId).size(), kind, taskId, detail);
  }

  @Override
  public synchronized List<TaskEntry> claimDue(String owner, int limit, Duration lease) {
    open();
    Instant now = clock.instant();
    List<TaskEntry> due =
        tasks.values().stream()
            .filter(t -> !closedTasks.contains(t.taskId()))
            .filter(t -> t.dueAt() != null && !t.dueAt().isAfter(now))
            .filter(t ->
                !leaseUntil.containsKey(t.taskId()) || !leaseUntil.get(t.taskId()).isAfter(now))
            .sorted(Comparator.comparing(TaskEntry::dueAt))
            .limit(limit)
            .toList();
    for (TaskEntry t : due) {
      leases.put(t.taskId(), owner);
      leaseUntil.put(t.taskId(), now.plus(lease));
    }
    return due;
  }

  @Override
  public synchronized void reschedule(String taskId, Instant dueAt, int attempts) {
    reschedule(taskId, null, dueAt, attempts);
  }

  @Override
  public synchronized boolean reschedule(
      String taskId, String leaseOwner, Instant dueAt, int attempts) {
    open();
    TaskEntry t = tasks.get(taskId);
    if (t == null || closedTasks.contains(taskId)) {
      return false;
    }
    String holder = leases.get(taskId);
    if (leaseOwner != null && holder != null && !holder.equals(leaseOwner)) {
      return false;
    }
    tasks.put(
        taskId,
        new TaskEntry(
            t.taskId(),
            t.instanceId(),
            t.workflow(),
            t.taskName(),
            t.todo(),
            t.input(),
            t.readModel(),
            t.enteredAt(),
            dueAt,
            t.deadlineAt(),
            attempts));
    leases.remove(taskId);
    leaseUntil.remove(taskId);
    return true;
  }

  @Override
  public synchronized Optional<TaskEntry> task(String taskId) {
    return Optional.ofNullable(tasks.get(taskId));
  }

  @Override
  public synchronized Optional<Instant> nextDueAt() {
    return tasks.values().stream()
        .filter(t -> !closedTasks.contains(t.taskId()))
        .map(TaskEntry::dueAt)
        .filter(d -> d != null)
        .min(Comparator.naturalOrder());
  }

  @Override
  public synchronized List<TaskEntry> openTodos(String workflow, String taskName) {
    return tasks.values().stream()
        .filter(t -> t.todo() && !closedTasks.contains(t.taskId()))
        .filter(t -> t.workflow().equals(workflow) && t.taskName().equals(taskName))
        .toList();
  }

  @Override
  public synchronized List<TaskEntry> openTasks() {
    return tasks.values().stream().filter(t -> !closedTasks.contains(t.taskId())).toList();
  }

  @Override
  public synchronized Lock writeLock(String taskId, String owner, Duration ttl) {
    open();
    Instant now = clock.instant();
    Lock lock = new Lock(++lockSequence, taskId, owner, now, now.plus(ttl), false, false, false);
    locks.computeIfAbsent(taskId, k -> new ArrayList<>()).add(lock);
    locksBySequence.put(lock.sequence(), lock);
    return lock;
  }

  @Override
  public synchronized List<Lock> locks(String taskId) {
    return List.copyOf(locks.getOrDefault(taskId, List.of()));
  }

  @Override
  public synchronized void markLockFaulted(long sequence) {
    replace(sequence, Lock::asFaulted);
  }

  @Override
  public synchronized void markLockFinished(long sequence) {
    replace(sequence, Lock::asFinished);
  }

  @Override
  public synchronized boolean markLockResolved(long sequence) {
    Lock l = locksBySequence.get(sequence);
    if (l == null || l.resolved()) {
      return false;
    }
    replace(sequence, Lock::asResolved);
    return true;
  }

  private void replace(long sequence, java.util.function.UnaryOperator<Lock> change) {
    open();
    Lock l = locksBySequence.get(sequence);
    if (l == null) {
      throw new IllegalArgumentException("no lock with sequence " + sequence);
    }
    Lock updated = change.apply(l);
    locksBySequence.put(sequence, updated);
    List<Lock> list = locks.get(l.taskId());
    list.set(list.indexOf(l), updated);
  }

  @Override
  public synchronized List<CommitResult> commit(List<DecisionRecord> batch) {
    open();
    List<CommitResult> results = new ArrayList<>(batch.size());
    for (DecisionRecord d : batch) {
      DecisionRecord existing = decisions.get(d.taskId());
      if (existing != null) {
        results.add(new CommitResult.AlreadyDecided(existing));
        continue;
      }
      if (d.next() instanceof NextStep.Enter e
          && (tasks.containsKey(e.task().taskId()) || decisions.containsKey(e.task().taskId()))) {
        results.add(new CommitResult.DuplicateTaskId(e.task().taskId()));
        continue;
      }
      decisions.put(d.taskId(), d);
      closedTasks.add(d.taskId());
      leases.remove(d.taskId());
      leaseUntil.remove(d.taskId());
      appendNow(d.instanceId(), "Decided", d.taskId(), d.streamDetail());
      switch (d.next()) {
        case NextStep.Enter e -> enter(e.task());
        case NextStep.Finish f -> {
          InstanceRecord i = instances.get(d.instanceId());
          instances.put(
              d.instanceId(),
              new InstanceRecord(
                  i.instanceId(),
                  i.workflow(),
                  "FINISHED",
                  i.trigger(),
                  f.outcome(),
                  i.traceContext()));
          appendNow(d.instanceId(), "Finished", d.taskId(), f.outcome().type());
          long id = ++outboxSequence;
          outbox.put(
              id,
              new OutboxSlot(
                  new OutboxEntry(
                      id, d.instanceId() + "/outcome", d.instanceId(), i.workflow(), f.outcome()),
                  clock.instant()));
        }
      }
      results.add(new CommitResult.Recorded());
    }
    return results;
  }

  @Override
  public synchronized Optional<DecisionRecord> decision(String taskId) {
    return Optional.ofNullable(decisions.get(taskId));
  }

  @Override
  public synchronized List<DecisionRecord> decisions(String instanceId) {
    return decisions.values().stream().filter(d -> d.instanceId().equals(instanceId)).toList();
  }

  @Override
  public synchronized List<OutboxEntry> undelivered(int limit) {
    return outbox.values().stream().map(OutboxSlot::entry).limit(limit).toList();
  }

  @Override
  public synchronized void markDelivered(long outboxId) {
    outbox.remove(outboxId);
  }

  @Override
  public synchronized List<OutboxEntry> claimOutbox(String owner, int limit, Duration lease) {
    open();
    Objects.requireNonNull(owner, "owner");
    requireLimit(limit);
    requirePositive(lease, "lease");
    Instant now = clock.instant();
    List<OutboxEntry> claimed = new ArrayList<>();
    for (OutboxSlot slot : outbox.values()) {
      if (claimed.size() == limit) {
        break;
      }
      if (slot.parked || slot.dueAt.isAfter(now)) {
        continue;
      }
      if (slot.leaseUntil != null && slot.leaseUntil.isAfter(now)) {
        continue;
      }
      slot.leaseUntil = now.plus(lease);
      claimed.add(slot.entry());
    }
    return claimed;
  }

  @Override
  public synchronized void retryOutbox(long outboxId, Duration delay, String error) {
    open();
    if (delay == null || delay.isNegative()) {
      throw new IllegalArgumentException("retry delay must not be negative, was " + delay);
    }
    OutboxSlot slot = outbox.get(outboxId);
    if (slot != null && !slot.parked) {
      slot.failed(error);
      slot.dueAt = clock.instant().plus(delay);
    }
  }

  @Override
  public synchronized void parkOutbox(long outboxId, String error) {
    open();
    OutboxSlot slot = outbox.get(outboxId);
    if (slot != null && !slot.parked) {
      slot.failed(error);
      slot.parked = true;
    }
  }

  @Override
  public synchronized List<OutboxEntry> parkedOutcomes(int limit) {
    requireLimit(limit);
    return outbox.values().stream()
        .filter(o -> o.parked)
        .map(OutboxSlot::entry)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized boolean unparkOutbox(long outboxId) {
    open();
    OutboxSlot slot = outbox.get(outboxId);
    if (slot == null || !slot.parked) {
      return false;
    }
    slot.parked = false;
    slot.failures = 0;
    slot.dueAt = clock.instant();
    return true;
  }

  private static void requireLimit(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("outbox limit must not be negative, was " + limit);
    }
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + d);
    }
  }

  /** An outbox entry and its delivery state; guarded by the store's monitor. */
  private static final class OutboxSlot {
    private final OutboxEntry outcome;
    private Instant dueAt;
    private Instant leaseUntil;
    private int failures;
    private String lastError;
    private boolean parked;

    OutboxSlot(OutboxEntry outcome, Instant dueAt) {
      this.outcome = outcome;
      this.dueAt = dueAt;
    }

    void failed(String error) {
      failures++;
      lastError = error;
      leaseUntil = null;
    }

    OutboxEntry entry() {
      return new OutboxEntry(
          outcome.id(),
          outcome.eventId(),
          outcome.instanceId(),
          outcome.workflow(),
          outcome.outcome(),
          failures,
          lastError);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("store is closed");
    }
  }
}
