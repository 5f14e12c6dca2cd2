package dev.railway.store;

import java.util.List;

/** The scanning forms of {@link Store}'s queries for people, shared by its default methods. */
final class StoreQueries {
  private StoreQueries() {}

  static boolean isDoubt(DecisionRecord d) {
    return "POSSIBLE_FAILURE".equals(d.cause()) || "FAULT".equals(d.cause());
  }

  static boolean matches(Store store, InstanceQuery q, InstanceRecord r, List<TaskEntry> open) {
    if (!r.workflow().equals(q.workflow())) {
      return false;
    }
    // The stream's first entry, TriggerAccepted, carries the trigger event id.
    if (q.triggerEventId() != null
        && store.stream(r.instanceId()).stream()
            .findFirst()
            .filter(e -> q.triggerEventId().equals(e.detail()))
            .isEmpty()) {
      return false;
    }
    if (q.taskId() != null
        && store.task(q.taskId()).filter(t -> t.instanceId().equals(r.instanceId())).isEmpty()) {
      return false;
    }
    List<TaskEntry> mine =
        open.stream().filter(t -> t.instanceId().equals(r.instanceId())).toList();
    if (q.taskName() != null && mine.stream().noneMatch(t -> t.taskName().equals(q.taskName()))) {
      return false;
    }
    if (q.status() == null) {
      return true;
    }
    return switch (q.status()) {
      case RUNNING -> !r.finished();
      case FINISHED ->
          r.finished()
              && (q.outcomeType() == null
                  || (r.outcome() != null && r.outcome().type().equals(q.outcomeType())));
      case WAITING_IN_TODO -> mine.stream().anyMatch(TaskEntry::todo);
      case OVERDUE ->
          mine.stream().anyMatch(t -> t.dueAt() != null && t.dueAt().isBefore(q.overdueBefore()));
      case POSSIBLE_FAILURE ->
          store.decisions(r.instanceId()).stream()
              .anyMatch(d ->
                  isDoubt(d)
                      && d.next() instanceof NextStep.Enter e
                      && mine.stream().anyMatch(t -> t.taskId().equals(e.task().taskId())));
    };
  }
}
