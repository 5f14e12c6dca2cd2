package dev.railway.engine;

import dev.railway.definition.Cause;
import dev.railway.definition.Expiration;
import dev.railway.definition.IntegrationKind;
import dev.railway.definition.RetryDecision;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import dev.railway.store.StreamAppend;
import dev.railway.store.TaskEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs one claimed task: the expiry check, the integration algorithm of its kind, then the decision
 * (recorded through the group commit), a retry by the backoff, or the fault mapping.
 */
final class TaskRunner {
  private static final Logger log = LoggerFactory.getLogger(TaskRunner.class);

  /** When user code outside an attempt (a mapping, an identifier) throws: look again later. */
  private static final Duration BROKEN_CODE_RETRY = Duration.ofMinutes(1);

  /** When the store was unreachable: it is usually back within seconds. */
  private static final Duration STORE_RETRY = Duration.ofSeconds(1);

  private final Store store;
  private final WorkflowRegistry registry;
  private final EventCodec codec;
  private final Decisions decisions;
  private final AttemptSetup setup;
  private final EngineMetrics metrics;
  private final Clock clock;
  private final String workerId;
  private final Duration todoRecheck;

  private final Traces traces;

  TaskRunner(
      EngineConfig config,
      Store store,
      WorkflowRegistry registry,
      EventCodec codec,
      Decisions decisions,
      AttemptSetup setup,
      EngineMetrics metrics,
      Clock clock,
      Traces traces) {
    this.traces = traces;
    this.store = store;
    this.registry = registry;
    this.codec = codec;
    this.decisions = decisions;
    this.setup = setup;
    this.metrics = metrics;
    this.clock = clock;
    this.workerId = config.workerId();
    this.todoRecheck = config.todoRecheck();
  }

  void run(TaskEntry entry) {
    MDC.put("instanceId", entry.instanceId());
    MDC.put("taskId", entry.taskId());
    Tracing.Span span = traces.taskRun(entry);
    try {
      if (store.decision(entry.taskId()).isPresent()) {
        span.result("already decided");
        return; // A duplicate run of a decided task: nothing to do.
      }
      metrics.queueLag(Duration.between(entry.dueAt(), clock.instant()));
      Workflow<?> workflow = registry.workflow(entry.workflow());
      Task<?> task = registry.task(entry.workflow(), entry.taskName());
      span.attribute(
          Tracing.KIND, task instanceof StateTask<?, ?> s ? s.kind().displayName() : "ToDo");
      Object event = codec.decode(entry.input());
      switch (task) {
        case StateTask<?, ?> state -> runState(workflow, state, entry, event);
        case TodoTask<?, ?, ?> todo -> checkTodoExpiry(workflow, todo, entry, event);
      }
    } catch (RuntimeException | Error thrown) {
      // Only a virtual machine error ends the worker; any other error from user code outside an
      // attempt (a mapping, an identifier) is a bug to look at again later, like an exception.
      Throwable e = fatal(thrown);
      span.failed(e);
      if (storeUnavailable(e)) {
        // Not a bug: the store will be back. Whatever this run did is either recorded or safe to
        // do again (the integration algorithms see its locks), so look again soon. Not a WARN per
        // task: the engine's loops say once that the store is away, and once that it is back.
        log.debug(
            "task {} of {} lost the store; retrying in {}: {}",
            entry.taskId(),
            entry.instanceId(),
            STORE_RETRY,
            e.toString());
        retryLater(entry, STORE_RETRY);
      } else {
        log.error(
            "task {} of {} failed outside its attempt; retrying in {}",
            entry.taskId(),
            entry.instanceId(),
            BROKEN_CODE_RETRY,
            e);
        retryLater(entry, BROKEN_CODE_RETRY);
      }
    } finally {
      span.close();
      MDC.remove("instanceId");
      MDC.remove("taskId");
    }
  }

  /** Rethrows a virtual machine error (the process is dying); returns anything else. */
  private static Throwable fatal(Throwable t) {
    if (t instanceof VirtualMachineError v) {
      throw v;
    }
    return t;
  }

  private void retryLater(TaskEntry entry, Duration after) {
    try {
      reschedule(entry.taskId(), clock.instant().plus(after), entry.attempts());
    } catch (RuntimeException e) {
      // The lease runs out and a later claim takes the task: slower, equally safe.
      log.warn(
          "rescheduling {} failed; it is claimed again once its lease ends: {}",
          entry.taskId(),
          e.toString());
    }
  }

  private static boolean storeUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof StoreUnavailableException) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void runState(Workflow<?> workflow, StateTask state, TaskEntry entry, Object event) {
    String taskId = entry.taskId();
    Instant now = clock.instant();
    boolean expired = Decisions.expired(state.expiration(), entry, event, now);
    if (expired && state.kind() == IntegrationKind.IDEMPOTENT) {
      // No lock, no uncertainty to respect: the expiry mapping at once.
      Expiration.Expires x = (Expiration.Expires) state.expiration();
      decisions.record(
          workflow, state, entry, x.mapping().map(event, taskId), Cause.EXPIRY, workerId);
      return;
    }
    // A lock-based task past its deadline still runs its algorithm, which starts no new action but
    // looks at the locks and queries first: the expiry must not contradict an effect that may have
    // happened (DESIGN.md §5, common rules).
    int attempts = entry.attempts() + 1;
    String owner = workerId + "/" + taskId + "/" + attempts + "/" + System.nanoTime();
    String kind = state.kind().displayName();
    // Durable before the call, like every record of the stream, but group-committed: one
    // transaction records the attempts of many tasks.
    decisions.append(new StreamAppend(entry.instanceId(), "AttemptStarted", taskId, owner));
    metrics.attemptStarted(workflow.name(), state.name(), kind);
    AttemptBudget budget =
        new AttemptBudget(state.attemptTimeout(), state.lockGrace(), setup.ticker());
    AttemptContext ctx =
        new AttemptContext(
            state, event, taskId, owner, store, setup.guard(), setup.steps(), budget, expired);
    AttemptOutcome<?> outcome = setup.algorithms().run(state.integration(), ctx);
    metrics.attemptLatency(workflow.name(), state.name(), Duration.between(now, clock.instant()));
    switch (outcome) {
      case AttemptOutcome.Result<?> r -> {
        Object decided;
        try {
          decided = state.integration().decider().decide(event, r.value());
          // An undeclared event is a bug in user code like any exception from it: a fault, so the
          // backoff and then the fault mapping reach a declared transition.
          decisions.checkDeclared(state, decided, Cause.DECISION);
        } catch (RuntimeException | Error e) {
          fault(workflow, state, entry, event, attempts, owner, fatal(e));
          return;
        }
        decisions.record(workflow, state, entry, decided, Cause.DECISION, owner);
      }
      case AttemptOutcome.Transition<?> t -> {
        try {
          decisions.checkDeclared(state, t.event(), t.cause());
        } catch (UndeclaredEventException e) {
          fault(workflow, state, entry, event, attempts, owner, e);
          return;
        }
        decisions.record(workflow, state, entry, t.event(), t.cause(), owner);
      }
      case AttemptOutcome.Abort<?> a -> {
        log.debug(
            "attempt on {} aborted without outcome: {}; retry at {}",
            taskId,
            a.reason(),
            a.retryAt());
        metrics.aborted(workflow.name(), state.name());
        // An abort is not a try of the action: the attempt count stays.
        // Not clamped to the deadline: the task waits for the blocking lock, and no expiry is
        // recorded while it lives.
        reschedule(taskId, a.retryAt(), entry.attempts());
      }
      case AttemptOutcome.Fault<?> f ->
          fault(workflow, state, entry, event, attempts, owner, f.error(), f.beforeRetry());
      case AttemptOutcome.Unknown<?> u -> {
        log.info(
            "attempt {} of {} ended without knowing what the third party did ({}); the next"
                + " attempt at {} applies the compromise",
            attempts,
            taskId,
            u.error().toString(),
            u.retryAt());
        metrics.faulted(workflow.name(), state.name(), u.error());
        decisions.append(faulted(entry, owner, u.error()));
        // At the lock's expiry, even past the deadline: the possible failure comes first.
        reschedule(taskId, u.retryAt(), attempts);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void fault(
      Workflow<?> workflow,
      StateTask<?, ?> state,
      TaskEntry entry,
      Object event,
      int attempts,
      String owner,
      Throwable error) {
    fault(workflow, state, entry, event, attempts, owner, error, () -> {});
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void fault(
      Workflow<?> workflow,
      StateTask state,
      TaskEntry entry,
      Object event,
      int attempts,
      String owner,
      Throwable error,
      Runnable beforeRetry) {
    String taskId = entry.taskId();
    metrics.faulted(workflow.name(), state.name(), error);
    decisions.append(faulted(entry, owner, error));
    RetryDecision next = state.backoff().next(attempts, event, taskId, error);
    switch (next) {
      case RetryDecision.RetryAfter r -> {
        log.info(
            "attempt {} of {} faulted ({}); retrying in {}",
            attempts,
            taskId,
            error.toString(),
            r.delay());
        metrics.retried(workflow.name(), state.name());
        beforeRetry.run();
        reschedule(taskId, notAfterDeadline(clock.instant(), r.delay(), entry), attempts);
      }
      case RetryDecision.GiveUp g -> {
        log.info(
            "attempt {} of {} faulted ({}); giving up to the fault mapping",
            attempts,
            taskId,
            error.toString());
        Object mapped = state.faultMapping().map(error, event, taskId);
        decisions.record(workflow, state, entry, mapped, Cause.FAULT, workerId);
      }
    }
  }

  /**
   * The stream record of a faulted attempt. It names the attempt, so each record is unique: a
   * record written again after an in-doubt commit is recognised, not appended twice.
   */
  private static StreamAppend faulted(TaskEntry entry, String owner, Throwable error) {
    return new StreamAppend(
        entry.instanceId(), "AttemptFaulted", entry.taskId(), owner + ": " + error);
  }

  /**
   * Makes the task due again, but only while this worker holds its lease (or it lapsed unclaimed):
   * a worker that overran its lease must not release the lease of the one that took the task over.
   */
  private void reschedule(String taskId, Instant dueAt, int attempts) {
    if (!store.reschedule(taskId, workerId, dueAt, attempts)) {
      log.debug("{} is leased by another worker now; leaving its schedule to it", taskId);
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void checkTodoExpiry(Workflow<?> workflow, TodoTask todo, TaskEntry entry, Object event) {
    Instant now = clock.instant();
    if (Decisions.expired(todo.expiration(), entry, event, now)) {
      Expiration.Expires x = (Expiration.Expires) todo.expiration();
      decisions.record(
          workflow, todo, entry, x.mapping().map(event, entry.taskId()), Cause.EXPIRY, workerId);
      return;
    }
    Instant next = now.plus(todoRecheck);
    if (entry.deadlineAt() != null && entry.deadlineAt().isBefore(next)) {
      next = entry.deadlineAt();
    }
    reschedule(entry.taskId(), next, entry.attempts());
  }

  /**
   * A retry never waits past a deadline still ahead: the expiry must be looked at on time. Once the
   * deadline has passed (a query that decides on the expiry faulted) the backoff's delay holds, or
   * the retries would run in a busy loop.
   */
  private static Instant notAfterDeadline(Instant now, Duration delay, TaskEntry entry) {
    Instant due = now.plus(delay);
    Instant deadline = entry.deadlineAt();
    return deadline != null && deadline.isAfter(now) && deadline.isBefore(due) ? deadline : due;
  }
}
