package dev.railway.engine;

import dev.railway.definition.Cause;
import dev.railway.definition.Expiration;
import dev.railway.definition.IntegrationKind;
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
  private final Traces traces;
  private final Algorithms algorithms;
  private final Ticker ticker;

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
      Algorithms algorithms,
      Ticker ticker,
      Traces traces) {
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
    this.ticker = ticker;
    this.traces = traces;
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
    boolean expired = expired(state.expiration(), entry, event, now);
    if (expired && state.kind() == IntegrationKind.IDEMPOTENT) {
      // No lock, no uncertainty to respect: the expiry mapping at once.
      Expiration.Expires x = (Expiration.Expires) state.expiration();
      record(workflow, state, entry, x.mapping().map(event, taskId), Cause.EXPIRY, workerId);
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
    append(new StreamAppend(entry.instanceId(), "AttemptStarted", taskId, owner));
    metrics.attemptStarted(workflow.name(), state.name(), kind);
    AttemptBudget budget = new AttemptBudget(state.attemptTimeout(), state.lockGrace(), ticker);
    AttemptContext ctx =
        new AttemptContext(state, event, taskId, owner, store, guard, steps, budget, expired);
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
        } catch (RuntimeException | Error e) {
          fault(workflow, state, entry, event, attempts, owner, fatal(e));
          return;
        }
        record(workflow, state, entry, decided, Cause.DECISION, owner);
      }
      case AttemptOutcome.Transition<?> t -> {
        try {
          transitions.checkDeclared(state, t.event(), t.cause());
        } catch (UndeclaredEventException e) {
          fault(workflow, state, entry, event, attempts, owner, e);
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
        append(faulted(entry, owner, u.error()));
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
    append(faulted(entry, owner, error));
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
        record(workflow, state, entry, mapped, Cause.FAULT, workerId);
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
    if (expired(todo.expiration(), entry, event, now)) {
      Expiration.Expires x = (Expiration.Expires) todo.expiration();
      record(workflow, todo, entry, x.mapping().map(event, entry.taskId()), Cause.EXPIRY, workerId);
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
    traces.decided(
        result instanceof CommitResult.Recorded
            ? event.getClass().getSimpleName()
            : "lost to an earlier decision");
    switch (result) {
      case CommitResult.Recorded r -> {
        String kind = task instanceof StateTask<?, ?> s ? s.kind().displayName() : "ToDo";
        metrics.decided(workflow.name(), task.name(), kind, cause, event.getClass());
        log.debug(
            "{} decided {} ({})", entry.taskId(), event.getClass().getSimpleName(), cause.label());
        return true;
      }
      case CommitResult.AlreadyDecided d -> {
        if (cause == Cause.DECISION
            && task instanceof StateTask<?, ?>
            && Cause.EXPIRY.name().equals(d.existing().cause())) {
          resultAfterExpiry(workflow, task, entry, event, d.existing());
          return false;
        }
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

  /**
   * An attempt reached a result after another worker recorded the task's expiry. Expiry waits for
   * live locks, so this attempt outlived its lock (a pause beyond the grace): the third party acted
   * although the workflow went the expiry's way. The decision cannot change — one per task — so the
   * contradiction is made loud: a WARN, a metric, and an event in the instance's stream for whoever
   * reconciles it.
   */
  private void resultAfterExpiry(
      Workflow<?> workflow, Task<?> task, TaskEntry entry, Object event, DecisionRecord expiry) {
    log.warn(
        "task {} of {} reached {} after {} recorded its expiry at {}: the third party acted but the"
            + " workflow went the expiry's way; reconcile it",
        entry.taskId(),
        entry.instanceId(),
        event,
        expiry.decidedBy(),
        expiry.decidedAt());
    metrics.resultAfterExpiry(workflow.name(), task.name());
    try {
      append(
          new StreamAppend(
              entry.instanceId(), "ResultAfterExpiry", entry.taskId(), String.valueOf(event)));
    } catch (RuntimeException e) {
      log.warn("could not record the result after expiry of {}: {}", entry.taskId(), e.toString());
    }
  }

  /**
   * Whether {@code a} is already in its stream: after an in-doubt commit the append is written
   * again only if it is not. Each record the engine appends names its attempt, so equal records are
   * the same record.
   */
  static boolean appended(Store store, StreamAppend a) {
    return store.stream(a.instanceId()).stream()
        .anyMatch(e ->
            e.kind().equals(a.kind())
                && java.util.Objects.equals(e.taskId(), a.taskId())
                && java.util.Objects.equals(e.detail(), a.detail()));
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
