package dev.railway.engine;

import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.store.NewInstance;
import dev.railway.store.StartResult;
import dev.railway.store.TaskEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts instances: a trigger becomes the instance and its first task, deduplicated by the
 * trigger's event id and group-committed with the starts of other callers. Chained workflows are
 * started here too, with the outcome that triggers them.
 */
final class InstanceStarts {
  private static final Logger log = LoggerFactory.getLogger(InstanceStarts.class);

  private final WorkflowRegistry registry;
  private final EventCodec codec;
  private final Transitions transitions;
  private final GroupCommit<NewInstance, StartResult> starts;
  private final Traces traces;

  InstanceStarts(
      WorkflowRegistry registry,
      EventCodec codec,
      Transitions transitions,
      GroupCommit<NewInstance, StartResult> starts,
      Traces traces) {
    this.traces = traces;
    this.registry = registry;
    this.codec = codec;
    this.transitions = transitions;
    this.starts = starts;
  }

  <T> StartResult trigger(Workflow<T> workflow, T trigger) {
    if (workflow.triggerId() == null) {
      throw new IllegalArgumentException(
          "workflow "
              + workflow.id()
              + " declares no triggerId(...): pass the event id explicitly");
    }
    return start(workflow, workflow.triggerId().apply(trigger), trigger);
  }

  <T> StartResult start(Workflow<T> workflow, String eventId, T trigger) {
    return refuseTakenTaskId(
        workflow, eventId, started(starts.submit(newInstance(workflow, eventId, trigger))));
  }

  <T> List<StartResult> triggerAll(Workflow<T> workflow, List<T> triggers) {
    if (workflow.triggerId() == null) {
      throw new IllegalArgumentException(
          "workflow "
              + workflow.id()
              + " declares no triggerId(...): start each trigger with its event id");
    }
    List<CompletableFuture<StartResult>> pending = new ArrayList<>(triggers.size());
    for (T trigger : triggers) {
      pending.add(
          starts.submit(newInstance(workflow, workflow.triggerId().apply(trigger), trigger)));
    }
    List<StartResult> results = new ArrayList<>(pending.size());
    for (CompletableFuture<StartResult> p : pending) {
      results.add(started(p));
    }
    // Every other trigger of the batch is started before a taken task id is refused.
    for (int i = 0; i < results.size(); i++) {
      refuseTakenTaskId(workflow, workflow.triggerId().apply(triggers.get(i)), results.get(i));
    }
    return results;
  }

  /**
   * Starts {@code next} with {@code outcome}: the engine's {@link ChainedStart}. The outcome's type
   * was matched against the workflow's trigger type by the dispatcher, and is checked again by
   * {@link #newInstance}.
   */
  void chain(Workflow<?> next, String eventId, Object outcome) {
    StartResult r = startUnchecked(next, eventId, outcome);
    log.debug("outcome {} chained into {}: {}", eventId, next.id(), r);
  }

  private <T> StartResult startUnchecked(Workflow<T> next, String eventId, Object outcome) {
    return start(next, eventId, next.triggerType().cast(outcome));
  }

  private static StartResult refuseTakenTaskId(
      Workflow<?> workflow, String eventId, StartResult result) {
    if (result instanceof StartResult.DuplicateTaskId d) {
      throw new IllegalStateException(
          "workflow %s cannot start for event %s: its first task's id %s is already taken by"
                  .formatted(workflow.id(), eventId, d.taskId())
              + " another instance; the identifier must be unique per action");
    }
    return result;
  }

  /** Waits for a start; a refusal by the store reaches the caller as the store threw it. */
  private static StartResult started(CompletableFuture<StartResult> pending) {
    try {
      return pending.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private <T> NewInstance newInstance(Workflow<T> workflow, String eventId, T trigger) {
    Objects.requireNonNull(trigger, "trigger");
    if (eventId == null || eventId.isBlank()) {
      throw new IllegalArgumentException(
          "trigger event id must not be blank; was '" + eventId + "'");
    }
    Workflow<?> registered = registry.workflow(workflow.id());
    if (!registered.triggerType().isInstance(trigger)) {
      throw new IllegalArgumentException(
          "workflow "
              + workflow.id()
              + " is triggered by "
              + registered.triggerType().getName()
              + ", not "
              + trigger.getClass().getName());
    }
    String instanceId = registered.name() + ":" + eventId;
    Task<?> first = registered.task(registered.startTask()).orElseThrow();
    TaskEntry entry = transitions.enter(registered, first, instanceId, trigger);
    return new NewInstance(
        instanceId, registered.id(), eventId, codec.encode(trigger), entry, traces.capture());
  }
}
