package dev.railway.engine;

import dev.railway.definition.Cause;
import dev.railway.definition.Expiration;
import dev.railway.definition.RetryDecision;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import dev.railway.store.StreamAppend;
import dev.railway.store.TaskEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
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
  private final Transitions transitions;
  private final GroupCommit<DecisionRecord, CommitResult> decisions;
  private final GroupCommit<StreamAppend, Boolean> appends;
  private final CallGuard guard;
  private final EngineMetrics metrics;
  private final Clock clock;
  private final String workerId;
  private final Duration todoRecheck;
  private final StepListener steps;
  private final Algorithms algorithms;

  TaskRunner(
      Store store,
      WorkflowRegistry registry,
      EventCodec codec,
      Transitions transitions,
      GroupCommit<DecisionRecord, CommitResult> decisions,
      GroupCommit<StreamAppend, Boolean> appends,
      CallGuard guard,
      EngineMetrics metrics,
      Clock clock,
      String workerId,
      Duration todoRecheck,
      StepListener steps,
      Algorithms algorithms) {
    this.store = store;
    this.registry = registry;
    this.codec = codec;
    this.transitions = transitions;
    this.decisions = decisions;
    this.appends = appends;
    this.guard = guard;
    this.metrics = metrics;
    this.clock = clock;
    this.workerId = workerId;
    this.todoRecheck = todoRecheck;
    this.steps = steps;
    this.algorithms = algorithms;
  }

  void run(TaskEntry entry) {
    MDC.put("instanceId", entry.instanceId());
    MDC.put("taskId", entry.taskId());
    try {
      if (store.decision(entry.taskId()).isPresent()) {
        return; // A duplicate run of a decided task: nothing to do.
      }
      metrics.queueLag(Duration.between(entry.dueAt(), clock.instant()));
      Workflow<?> workflow = registry.workflow(entry.workflow());
      Task<?> task = registry.task(entry.workflow(), entry.taskName());
      Object event = codec.decode(entry.input());
      switch (task) {
        case StateTask<?, ?> state -> runState(workflow, state, entry, event);
        case TodoTask<?, ?, ?> todo -> checkTodoExpiry(workflow, todo, entry, event);
      }
    } catch (RuntimeException e) {
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
      MDC.remove("instanceId");
      MDC.remove("taskId");
    }
  }

  private void retryLater(TaskEntry entry, Duration after) {
    try {
      store.reschedule(entry.taskId(), clock.instant().plus(after), entry.attempts());
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
    if (expired(state.expiration(), entry, event, now)) {
      Expiration.Expires x = (Expiration.Expires) state.expiration();
      record(workflow, state, entry, x.mapping().map(event, taskId), Cause.EXPIRY, workerId);
      return;
    }
    int attempts = entry.attempts() + 1;
    String owner = workerId + "/" + taskId + "/" + attempts + "/" + System.nanoTime();
    String kind = state.kind().displayName();
    // Durable before the call, like every record of the stream, but group-committed: one
    // transaction records the attempts of many tasks.
    append(new StreamAppend(entry.instanceId(), "AttemptStarted", taskId, owner));
    metrics.attemptStarted(workflow.name(), state.name(), kind);
    AttemptContext ctx = new AttemptContext(state, event, taskId, owner, store, guard, steps);
    AttemptOutcome<?> outcome = algorithms.run(state.integration(), ctx);
    metrics.attemptLatency(workflow.name(), state.name(), Duration.between(now, clock.instant()));
    switch (outcome) {
      case AttemptOutcome.Result<?> r -> {
        Object decided;
        try {
          decided = state.integration().decider().decide(event, r.value());
          // An undeclared event is a bug in user code like any exception from it: a fault, so the
          // backoff and then the fault mapping reach a declared transition.
          transitions.checkDeclared(state, decided, Cause.DECISION);
        } catch (RuntimeException e) {
          fault(workflow, state, entry, event, attempts, e);
          return;
        }
        record(workflow, state, entry, decided, Cause.DECISION, owner);
      }
      case AttemptOutcome.Transition<?> t -> {
        try {
          transitions.checkDeclared(state, t.event(), t.cause());
        } catch (UndeclaredEventException e) {
          fault(workflow, state, entry, event, attempts, e);
          return;
        }
        record(workflow, state, entry, t.event(), t.cause(), owner);
      }
      case AttemptOutcome.Abort<?> a -> {
        log.debug(
            "attempt on {} aborted without outcome: {}; retry at {}",
            taskId,
            a.reason(),
            a.retryAt());
        metrics.aborted(workflow.name(), state.name());
        // An abort is not a try of the action: the attempt count stays.
        store.reschedule(taskId, notAfterDeadline(a.retryAt(), entry), entry.attempts());
      }
      case AttemptOutcome.Fault<?> f ->
          fault(workflow, state, entry, event, attempts, f.error(), f.beforeRetry());
      case AttemptOutcome.Unknown<?> u -> {
        log.info(
            "attempt {} of {} ended without knowing what the third party did ({}); the next"
                + " attempt at {} applies the compromise",
            attempts,
            taskId,
            u.error().toString(),
            u.retryAt());
        metrics.faulted(workflow.name(), state.name(), u.error());
        append(
            new StreamAppend(
                entry.instanceId(), "AttemptFaulted", taskId, String.valueOf(u.error())));
        store.reschedule(taskId, notAfterDeadline(u.retryAt(), entry), attempts);
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
      Throwable error) {
    fault(workflow, state, entry, event, attempts, error, () -> {});
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void fault(
      Workflow<?> workflow,
      StateTask state,
      TaskEntry entry,
      Object event,
      int attempts,
      Throwable error,
      Runnable beforeRetry) {
    String taskId = entry.taskId();
    metrics.faulted(workflow.name(), state.name(), error);
    append(new StreamAppend(entry.instanceId(), "AttemptFaulted", taskId, String.valueOf(error)));
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
        store.reschedule(
            taskId, notAfterDeadline(clock.instant().plus(r.delay()), entry), attempts);
      }
      case RetryDecision.GiveUp g -> {
        log.info(
            "attempt {} of {} faulted ({}); giving up to the fault mapping",
            attempts,
            taskId,
            error.toString());
        Object mapped = state.faultMapping().map(error, event, taskId);
        record(workflow, state, entry, mapped, Cause.FAULT, workerId);
      }
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private void checkTodoExpiry(Workflow<?> workflow, TodoTask todo, TaskEntry entry, Object event) {
    Instant now = clock.instant();
    if (expired(todo.expiration(), entry, event, now)) {
      Expiration.Expires x = (Expiration.Expires) todo.expiration();
      record(workflow, todo, entry, x.mapping().map(event, entry.taskId()), Cause.EXPIRY, workerId);
      return;
    }
    Instant next = now.plus(todoRecheck);
    if (entry.deadlineAt() != null && entry.deadlineAt().isBefore(next)) {
      next = entry.deadlineAt();
    }
    store.reschedule(entry.taskId(), next, entry.attempts());
  }

  /** A retry never waits past the task's deadline: the expiry must happen on time. */
  private static Instant notAfterDeadline(Instant due, TaskEntry entry) {
    return entry.deadlineAt() != null && entry.deadlineAt().isBefore(due)
        ? entry.deadlineAt()
        : due;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static boolean expired(Expiration expiration, TaskEntry entry, Object event, Instant now) {
    if (!(expiration instanceof Expiration.Expires x)) {
      return false;
    }
    if (entry.deadlineAt() != null && !now.isBefore(entry.deadlineAt())) {
      return true;
    }
    return x.stillNeeded() != null && !x.stillNeeded().stillNeeded(event, entry.taskId());
  }

  /**
   * Records a decision through the group commit.
   *
   * @return true if it was recorded, false if another decision for the task won
   */
  boolean record(
      Workflow<?> workflow, Task<?> task, TaskEntry entry, Object event, Cause cause, String by) {
    DecisionRecord decision = transitions.decision(workflow, task, entry, event, cause, by);
    steps.at(Step.BEFORE_DECISION, entry.taskId(), by, event.getClass().getSimpleName());
    CommitResult result = await(decisions.submit(decision), r -> r);
    steps.at(
        Step.AFTER_DECISION,
        entry.taskId(),
        by,
        result instanceof CommitResult.Recorded ? "recorded" : "lost");
    switch (result) {
      case CommitResult.Recorded r -> {
        String kind = task instanceof StateTask<?, ?> s ? s.kind().displayName() : "ToDo";
        metrics.decided(workflow.name(), task.name(), kind, cause, event.getClass());
        log.debug(
            "{} decided {} ({})", entry.taskId(), event.getClass().getSimpleName(), cause.label());
        return true;
      }
      case CommitResult.AlreadyDecided d -> {
        log.debug(
            "{} was decided by {} first; discarding our result",
            entry.taskId(),
            d.existing().decidedBy());
        return false;
      }
      case CommitResult.DuplicateTaskId d ->
          throw new IllegalStateException(
              "task "
                  + entry.taskId()
                  + " leads to task id "
                  + d.taskId()
                  + ", which is already taken: the identifier of the next task must be unique per"
                  + " action (include what differs, e.g. a retry number, in the event)");
    }
  }

  private void append(StreamAppend event) {
    await(appends.submit(event), r -> r);
  }

  static <T, U> U await(java.util.concurrent.CompletableFuture<T> future, Function<T, U> then) {
    try {
      return then.apply(future.get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while writing to the store", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StoreUnavailableException u) {
        // Keeps its type, so callers back off instead of treating a slow store as a bug.
        throw new StoreUnavailableException(u.getMessage(), u);
      }
      throw new IllegalStateException("writing to the store failed: " + e.getCause(), e.getCause());
    }
  }
}
