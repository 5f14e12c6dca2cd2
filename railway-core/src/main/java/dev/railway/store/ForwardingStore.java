package dev.railway.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A store that forwards every call to another, for wrappers that change or observe a few calls:
 * counting transactions, holding a racer at a chosen point in a test, or breaking one guarantee on
 * purpose to show that a check catches it. Override what you change; everything else, including the
 * batch methods, reaches the wrapped store as is.
 */
public abstract class ForwardingStore implements Store {
  private final Store delegate;

  protected ForwardingStore(Store delegate) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
  }

  /** The wrapped store. */
  protected final Store delegate() {
    return delegate;
  }

  @Override
  public Instant now() {
    return delegate.now();
  }

  @Override
  public StartResult start(NewInstance instance) {
    return delegate.start(instance);
  }

  @Override
  public List<StartResult> startAll(List<NewInstance> instances) {
    return delegate.startAll(instances);
  }

  @Override
  public Optional<InstanceRecord> instance(String instanceId) {
    return delegate.instance(instanceId);
  }

  @Override
  public List<InstanceRecord> instances() {
    return delegate.instances();
  }

  @Override
  public List<StreamEvent> stream(String instanceId) {
    return delegate.stream(instanceId);
  }

  @Override
  public boolean append(
      String instanceId, long expectedVersion, String kind, String taskId, String detail) {
    return delegate.append(instanceId, expectedVersion, kind, taskId, detail);
  }

  @Override
  public Duration longestWait() {
    return delegate.longestWait();
  }

  @Override
  public void appendLatest(String instanceId, String kind, String taskId, String detail) {
    delegate.appendLatest(instanceId, kind, taskId, detail);
  }

  @Override
  public void appendAll(List<StreamAppend> appends) {
    delegate.appendAll(appends);
  }

  @Override
  public List<TaskEntry> claimDue(String owner, int limit, Duration lease) {
    return delegate.claimDue(owner, limit, lease);
  }

  @Override
  public void reschedule(String taskId, Instant dueAt, int attempts) {
    delegate.reschedule(taskId, dueAt, attempts);
  }

  @Override
  public boolean reschedule(String taskId, String leaseOwner, Instant dueAt, int attempts) {
    return delegate.reschedule(taskId, leaseOwner, dueAt, attempts);
  }

  @Override
  public Optional<TaskEntry> task(String taskId) {
    return delegate.task(taskId);
  }

  @Override
  public Optional<Instant> nextDueAt() {
    return delegate.nextDueAt();
  }

  @Override
  public List<TaskEntry> openTodos(String workflow, String taskName) {
    return delegate.openTodos(workflow, taskName);
  }

  @Override
  public List<TaskEntry> openTasks() {
    return delegate.openTasks();
  }

  @Override
  public Lock writeLock(String taskId, String owner, Duration ttl) {
    return delegate.writeLock(taskId, owner, ttl);
  }

  @Override
  public List<Lock> locks(String taskId) {
    return delegate.locks(taskId);
  }

  @Override
  public void markLockFaulted(long sequence) {
    delegate.markLockFaulted(sequence);
  }

  @Override
  public void markLockFinished(long sequence) {
    delegate.markLockFinished(sequence);
  }

  @Override
  public boolean markLockResolved(long sequence) {
    return delegate.markLockResolved(sequence);
  }

  @Override
  public List<CommitResult> commit(List<DecisionRecord> decisions) {
    return delegate.commit(decisions);
  }

  @Override
  public Optional<DecisionRecord> decision(String taskId) {
    return delegate.decision(taskId);
  }

  @Override
  public List<DecisionRecord> decisions(String instanceId) {
    return delegate.decisions(instanceId);
  }

  @Override
  public List<OutboxEntry> undelivered(int limit) {
    return delegate.undelivered(limit);
  }

  @Override
  public void markDelivered(long outboxId) {
    delegate.markDelivered(outboxId);
  }

  @Override
  public void markAllDelivered(List<Long> outboxIds) {
    delegate.markAllDelivered(outboxIds);
  }

  @Override
  public int concurrency() {
    return delegate.concurrency();
  }

  @Override
  public List<OutboxEntry> claimOutbox(String owner, int limit, Duration lease) {
    return delegate.claimOutbox(owner, limit, lease);
  }

  @Override
  public void retryOutbox(long outboxId, Duration delay, String error) {
    delegate.retryOutbox(outboxId, delay, error);
  }

  @Override
  public void parkOutbox(long outboxId, String error) {
    delegate.parkOutbox(outboxId, error);
  }

  @Override
  public List<OutboxEntry> parkedOutcomes(int limit) {
    return delegate.parkedOutcomes(limit);
  }

  @Override
  public boolean unparkOutbox(long outboxId) {
    return delegate.unparkOutbox(outboxId);
  }

  @Override
  public InstancePage findInstances(InstanceQuery query) {
    return delegate.findInstances(query);
  }

  @Override
  public java.util.Map<String, Long> openTaskCounts(String workflow) {
    return delegate.openTaskCounts(workflow);
  }

  @Override
  public List<EdgeCount> edgeCounts(String workflow, Instant since) {
    return delegate.edgeCounts(workflow, since);
  }

  @Override
  public List<TaskEntry> overdueTasks(Instant dueBefore, int limit) {
    return delegate.overdueTasks(dueBefore, limit);
  }

  @Override
  public List<TaskEntry> expiringTodos(Instant deadlineBefore, int limit) {
    return delegate.expiringTodos(deadlineBefore, limit);
  }

  @Override
  public List<DecisionRecord> doubtsAwaitingPeople(int limit) {
    return delegate.doubtsAwaitingPeople(limit);
  }

  @Override
  public Subscription onDueWork(Runnable wake) {
    return delegate.onDueWork(wake);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
