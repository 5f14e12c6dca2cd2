package dev.railway.engine;

import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Lock;
import dev.railway.store.NewInstance;
import dev.railway.store.OutboxEntry;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import dev.railway.store.StreamEvent;
import dev.railway.store.TaskEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A store that forwards every call to another; mutant stores override what they break. */
public abstract class ForwardingStore implements Store {
  private final Store shared;

  protected ForwardingStore(Store shared) {
    this.shared = shared;
  }

  @Override
  public Lock writeLock(String taskId, String owner, Duration ttl) {
    return shared.writeLock(taskId, owner, ttl);
  }

  @Override
  public Instant now() {
    return shared.now();
  }

  @Override
  public StartResult start(NewInstance instance) {
    return shared.start(instance);
  }

  @Override
  public Optional<InstanceRecord> instance(String instanceId) {
    return shared.instance(instanceId);
  }

  @Override
  public List<InstanceRecord> instances() {
    return shared.instances();
  }

  @Override
  public List<StreamEvent> stream(String instanceId) {
    return shared.stream(instanceId);
  }

  @Override
  public boolean append(
      String instanceId, long expectedVersion, String kind, String taskId, String detail) {
    return shared.append(instanceId, expectedVersion, kind, taskId, detail);
  }

  @Override
  public void appendLatest(String instanceId, String kind, String taskId, String detail) {
    shared.appendLatest(instanceId, kind, taskId, detail);
  }

  @Override
  public List<TaskEntry> claimDue(String owner, int limit, Duration lease) {
    return shared.claimDue(owner, limit, lease);
  }

  @Override
  public void reschedule(String taskId, Instant dueAt, int attempts) {
    shared.reschedule(taskId, dueAt, attempts);
  }

  @Override
  public Optional<TaskEntry> task(String taskId) {
    return shared.task(taskId);
  }

  @Override
  public Optional<Instant> nextDueAt() {
    return shared.nextDueAt();
  }

  @Override
  public List<TaskEntry> openTodos(String workflow, String taskName) {
    return shared.openTodos(workflow, taskName);
  }

  @Override
  public List<TaskEntry> openTasks() {
    return shared.openTasks();
  }

  @Override
  public List<Lock> locks(String taskId) {
    return shared.locks(taskId);
  }

  @Override
  public void markLockFaulted(long sequence) {
    shared.markLockFaulted(sequence);
  }

  @Override
  public void markLockFinished(long sequence) {
    shared.markLockFinished(sequence);
  }

  @Override
  public boolean markLockResolved(long sequence) {
    return shared.markLockResolved(sequence);
  }

  @Override
  public List<CommitResult> commit(List<DecisionRecord> decisions) {
    return shared.commit(decisions);
  }

  @Override
  public Optional<DecisionRecord> decision(String taskId) {
    return shared.decision(taskId);
  }

  @Override
  public List<DecisionRecord> decisions(String instanceId) {
    return shared.decisions(instanceId);
  }

  @Override
  public List<OutboxEntry> undelivered(int limit) {
    return shared.undelivered(limit);
  }

  @Override
  public void markDelivered(long outboxId) {
    shared.markDelivered(outboxId);
  }

  @Override
  public void close() {
    shared.close();
  }
}
