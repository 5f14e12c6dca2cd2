package dev.railway.engine;

import dev.railway.definition.Cause;
import dev.railway.definition.Expiration;
import dev.railway.definition.StateTask;
import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.store.CommitResult;
import dev.railway.store.DecisionRecord;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import dev.railway.store.StreamAppend;
import dev.railway.store.TaskEntry;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a task's decision is recorded, for the State path (an attempt's result, an
 * expiry, a fault mapping) and the ToDo path (a command, an expiry) alike: the transition is built
 * and checked, the decision goes through the group commit (first recorded wins, one per task), the
 * meters count it, and a result that lost to a recorded expiry is made loud. It also holds the
 * attempt records of the instance's stream, written through their own group commit, and the rule of
 * when a task has expired, which the worker and the ToDo inbox must read the same way.
 */
final class Decisions {
  private static final Logger log = LoggerFactory.getLogger(Decisions.class);

  private final Transitions transitions;
  private final GroupCommit<DecisionRecord, CommitResult> decisions;
  private final GroupCommit<StreamAppend, Boolean> appends;
  private final EngineMetrics metrics;
  private final StepListener steps;

  private final Traces traces;

  Decisions(
      Transitions transitions,
      GroupCommit<DecisionRecord, CommitResult> decisions,
      GroupCommit<StreamAppend, Boolean> appends,
      EngineMetrics metrics,
      StepListener steps,
      Traces traces) {
    this.traces = traces;
    this.transitions = transitions;
    this.decisions = decisions;
    this.appends = appends;
    this.metrics = metrics;
    this.steps = steps;
  }

  /**
   * Refuses an event that {@code task} does not declare for {@code cause}.
   *
   * @throws UndeclaredEventException naming the task and the event type
   */
  void checkDeclared(Task<?> task, Object event, Cause cause) {
    transitions.checkDeclared(task, event, cause);
  }

  /**
   * Whether a task entered with {@code entry} has expired at {@code now}: its deadline passed, or
   * its stillNeeded check says it is no longer needed. A ToDo that has expired is expired for every
   * caller at once, even before a worker records the expiry.
   */
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

  /** Writes an attempt record of the instance's stream through its group commit. */
  void append(StreamAppend event) {
    await(appends.submit(event), r -> r);
  }

  static <T, U> U await(CompletableFuture<T> future, Function<T, U> then) {
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
