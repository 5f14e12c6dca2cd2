package dev.railway.definition;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies a workflow's default exits to the tasks that leave them implicit, so that every task the
 * engine runs carries its own mappings, event types and routes: the runtime needs no notion of a
 * default, and the validator checks the result like any explicit mapping.
 */
final class DefaultExits {
  private DefaultExits() {}

  static List<Task<?>> apply(
      List<Task<?>> tasks, DefaultExit<?> defaultFault, DefaultExit<?> defaultExpiry) {
    if (defaultFault == null && defaultExpiry == null) {
      return tasks;
    }
    List<Task<?>> applied = new ArrayList<>(tasks.size());
    for (Task<?> task : tasks) {
      applied.add(apply(task, defaultFault, defaultExpiry));
    }
    return List.copyOf(applied);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Task<?> apply(Task<?> task, DefaultExit fault, DefaultExit expiry) {
    List<Route> routes = new ArrayList<>(task.routes());
    List<Emission> emissions = new ArrayList<>(task.emissions());
    FaultMapping faultMapping = task instanceof StateTask<?, ?> s ? s.faultMapping() : null;
    boolean changed = false;
    if (fault != null
        && task instanceof StateTask<?, ?>
        && faultMapping == null
        && fault.fits(task.inputType())) {
      faultMapping = fault.faultMapping();
      declare(fault, routes, emissions);
      changed = true;
    }
    Expiration expiration = task.expiration();
    if (expiry != null
        && expiration instanceof Expiration.Expires x
        && x.mapping() == null
        && expiry.fits(task.inputType())) {
      expiration = new Expiration.Expires(x.stillNeeded(), x.deadline(), expiry.expiryMapping());
      declare(expiry, routes, emissions);
      changed = true;
    }
    if (!changed) {
      return task;
    }
    return switch (task) {
      case StateTask s ->
          new StateTask(
              s.name(),
              s.inputType(),
              s.resultType(),
              s.identifier(),
              s.integration(),
              s.backoff(),
              faultMapping,
              expiration,
              s.attemptTimeout(),
              s.lockGrace(),
              routes,
              emissions);
      case TodoTask t ->
          new TodoTask(
              t.name(),
              t.inputType(),
              t.readModelType(),
              t.identifier(),
              t.readModel(),
              t.endpoint(),
              t.accessRule(),
              t.contract(),
              t.locator(),
              t.decider(),
              expiration,
              routes,
              emissions);
    };
  }

  /**
   * The exit's events, and a route out of the workflow for each one the task does not route itself
   * (a task that routes it elsewhere contradicts the default; the validator names it).
   */
  private static void declare(DefaultExit<?> exit, List<Route> routes, List<Emission> emissions) {
    for (Class<?> type : exit.emits()) {
      emissions.add(new Emission(type, exit.cause()));
      if (routes.stream().noneMatch(r -> r.eventType().equals(type))) {
        routes.add(new Route(type, Target.outcome()));
      }
    }
  }
}
