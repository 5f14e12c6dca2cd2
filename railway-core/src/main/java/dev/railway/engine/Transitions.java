package dev.railway.engine;

import dev.railway.definition.Cause;
import dev.railway.definition.Expiration;
import dev.railway.definition.Target;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import dev.railway.store.DecisionRecord;
import dev.railway.store.NextStep;
import dev.railway.store.TaskEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Turns a task's transition event into the decision to record: checks it was declared, and builds
 * the next task (its identifier, read model, due time) or the instance's outcome.
 */
final class Transitions {
  private final EventCodec codec;
  private final Clock clock;
  private final Duration todoRecheck;

  Transitions(EventCodec codec, Clock clock, Duration todoRecheck) {
    this.codec = codec;
    this.clock = clock;
    this.todoRecheck = todoRecheck;
  }

  DecisionRecord decision(
      Workflow<?> workflow,
      Task<?> task,
      TaskEntry entry,
      Object event,
      Cause cause,
      String decidedBy) {
    checkDeclared(task, event, cause);
    Target target =
        task.targetOf(event.getClass())
            .orElseThrow(() -> new UndeclaredEventException(task.name(), cause, event, Set.of()));
    NextStep next =
        switch (target) {
          case Target.Outcome o -> new NextStep.Finish(codec.encode(event));
          case Target.ToTask t ->
              new NextStep.Enter(
                  enter(
                      workflow,
                      workflow.task(t.taskName()).orElseThrow(),
                      entry.instanceId(),
                      event));
        };
    return new DecisionRecord(
        entry.instanceId(),
        entry.taskId(),
        task.name(),
        codec.encode(event),
        cause.name(),
        decidedBy,
        clock.instant(),
        next);
  }

  /**
   * Refuses an event that {@code task} does not declare for {@code cause}.
   *
   * @throws UndeclaredEventException naming the task and the event type
   */
  void checkDeclared(Task<?> task, Object event, Cause cause) {
    Set<Class<?>> declared = task.emitted(cause);
    if (event == null || !declared.contains(event.getClass())) {
      throw new UndeclaredEventException(task.name(), cause, event, declared);
    }
  }

  /** The entry for {@code task} entered by {@code event}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  TaskEntry enter(Workflow<?> workflow, Task<?> task, String instanceId, Object event) {
    Task raw = task;
    String taskId = raw.identifier().identify(event);
    if (taskId == null || taskId.isBlank()) {
      throw new IllegalStateException(
          "the identifier of task '" + task.name() + "' returned '" + taskId + "'");
    }
    Instant now = clock.instant();
    Instant deadline =
        task.expiration() instanceof Expiration.Expires<?> x && x.deadline() != null
            ? now.plus(x.deadline())
            : null;
    if (task instanceof TodoTask todo) {
      Object readModel = todo.readModel().readModel(event, taskId);
      Instant due = deadline;
      if (todo.expiration() instanceof Expiration.Expires<?> x && x.stillNeeded() != null) {
        Instant recheck = now.plus(todoRecheck);
        due = due == null || recheck.isBefore(due) ? recheck : due;
      }
      return new TaskEntry(
          taskId,
          instanceId,
          workflow.id(),
          task.name(),
          true,
          codec.encode(event),
          codec.encode(readModel),
          now,
          due,
          deadline,
          0);
    }
    return new TaskEntry(
        taskId,
        instanceId,
        workflow.id(),
        task.name(),
        false,
        codec.encode(event),
        null,
        now,
        now,
        deadline,
        0);
  }
}
