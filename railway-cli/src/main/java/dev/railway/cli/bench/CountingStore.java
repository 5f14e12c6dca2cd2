package dev.railway.cli.bench;

import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Lock;
import dev.railway.store.NewInstance;
import dev.railway.store.OutboxEntry;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import dev.railway.store.StreamAppend;
import dev.railway.store.StreamEvent;
import dev.railway.store.TaskEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the store's write transactions as the engine asks for them: each writing method of the
 * {@link Store} port is one transaction (one commit) in the JDBC stores. Reads are counted apart:
 * they are round trips but commit nothing durable.
 */
final class CountingStore implements Store {
  private final Store store;
  final LongAdder writes = new LongAdder();
  final LongAdder reads = new LongAdder();

  CountingStore(Store store) {
    this.store = store;
  }

  private <T> T write(T value) {
    writes.increment();
    return value;
  }

  private <T> T read(T value) {
    reads.increment();
    return value;
  }

  @Override
  public Instant now() {
    return read(store.now());
  }

  @Override
  public StartResult start(NewInstance instance) {
    return write(store.start(instance));
  }

  @Override
  public List<StartResult> startAll(List<NewInstance> instances) {
    return write(store.startAll(instances));
  }

  @Override
  public void appendAll(List<StreamAppend> appends) {
    store.appendAll(appends);
    writes.increment();
  }

  @Override
  public void markAllDelivered(List<Long> outboxIds) {
    store.markAllDelivered(outboxIds);
    writes.increment();
  }

  @Override
  public Optional<InstanceRecord> instance(String instanceId) {
    return read(store.instance(instanceId));
  }

  @Override
  public List<InstanceRecord> instances() {
    return read(store.instances());
  }

  @Override
  public List<StreamEvent> stream(String instanceId) {
    return read(store.stream(instanceId));
  }

  @Override
  public boolean append(
      String instanceId, long expectedVersion, String kind, String taskId, String detail) {
    return write(store.append(instanceId, expectedVersion, kind, taskId, detail));
  }

  @Override
  public void appendLatest(String instanceId, String kind, String taskId, String detail) {
    store.appendLatest(instanceId, kind, taskId, detail);
    writes.increment();
  }

  @Override
  public List<TaskEntry> claimDue(String owner, int limit, Duration lease) {
    return write(store.claimDue(owner, limit, lease));
  }

  @Override
  public void reschedule(String taskId, Instant dueAt, int attempts) {
    store.reschedule(taskId, dueAt, attempts);
    writes.increment();
  }

  @Override
  public boolean reschedule(String taskId, String leaseOwner, Instant dueAt, int attempts) {
    writes.increment();
    return store.reschedule(taskId, leaseOwner, dueAt, attempts);
  }

  @Override
  public Optional<TaskEntry> task(String taskId) {
    return read(store.task(taskId));
  }

  @Override
  public Optional<Instant> nextDueAt() {
    return read(store.nextDueAt());
  }

  @Override
  public List<TaskEntry> openTodos(String workflow, String taskName) {
    return read(store.openTodos(workflow, taskName));
  }

  @Override
  public List<TaskEntry> openTasks() {
    return read(store.openTasks());
  }

  @Override
  public Lock writeLock(String taskId, String owner, Duration ttl) {
    return write(store.writeLock(taskId, owner, ttl));
  }

  @Override
  public List<Lock> locks(String taskId) {
    return read(store.locks(taskId));
  }

  @Override
  public void markLockFaulted(long sequence) {
    store.markLockFaulted(sequence);
    writes.increment();
  }

  @Override
  public void markLockFinished(long sequence) {
    store.markLockFinished(sequence);
    writes.increment();
  }

  @Override
  public boolean markLockResolved(long sequence) {
    return write(store.markLockResolved(sequence));
  }

  @Override
  public List<CommitResult> commit(List<DecisionRecord> decisions) {
    return write(store.commit(decisions));
  }

  @Override
  public Optional<DecisionRecord> decision(String taskId) {
    return read(store.decision(taskId));
  }

  @Override
  public List<DecisionRecord> decisions(String instanceId) {
    return read(store.decisions(instanceId));
  }

  @Override
  public List<OutboxEntry> undelivered(int limit) {
    return read(store.undelivered(limit));
  }

  @Override
  public void markDelivered(long outboxId) {
    store.markDelivered(outboxId);
    writes.increment();
  }

  @Override
  public int concurrency() {
    return store.concurrency();
  }

  @Override
  public List<OutboxEntry> claimOutbox(String owner, int limit, Duration lease) {
    return write(store.claimOutbox(owner, limit, lease));
  }

  @Override
  public void retryOutbox(long outboxId, Duration delay, String error) {
    store.retryOutbox(outboxId, delay, error);
    writes.increment();
  }

  @Override
  public void parkOutbox(long outboxId, String error) {
    store.parkOutbox(outboxId, error);
    writes.increment();
  }

  @Override
  public List<OutboxEntry> parkedOutcomes(int limit) {
    return read(store.parkedOutcomes(limit));
  }

  @Override
  public boolean unparkOutbox(long outboxId) {
    return write(store.unparkOutbox(outboxId));
  }

  @Override
  public Subscription onDueWork(Runnable wake) {
    return store.onDueWork(wake);
  }

  @Override
  public void close() {
    store.close();
  }
}
