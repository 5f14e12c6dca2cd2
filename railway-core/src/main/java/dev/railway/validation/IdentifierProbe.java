package dev.railway.validation;

import dev.railway.definition.Task;
import dev.railway.definition.TaskIdentifier;
import java.util.List;
import java.util.Objects;

/**
 * A task identifier must be a function of the entering event only. Probes it with sample events
 * built from the input type: the same event twice, and an equal but distinct copy, must all give
 * the same non-blank identifier. Catches random, time-based, counter-based and identity-based
 * identifiers; cannot prove determinism, only show its absence.
 */
final class IdentifierProbe implements TaskRule {
  static final String RULE = "non-deterministic identifier";

  @Override
  public void check(Task<?> task, WorkflowGraph graph, List<Problem> out) {
    if (task.identifier() == null) {
      return;
    }
    List<Object> events = ProbeEvents.samples(task.inputType());
    List<Object> copies = ProbeEvents.samples(task.inputType());
    for (int i = 0; i < events.size() && i < copies.size(); i++) {
      String found = probe(task, events.get(i), copies.get(i));
      if (found != null) {
        out.add(
            new Problem(
                RULE,
                task.name(),
                "the identifier of task '" + task.name() + "' " + found,
                "compute the identifier only from the event's data (e.g. \""
                    + task.name()
                    + "-\" + event.orderId()), never from clocks, random numbers, counters or"
                    + " object identity"));
        return;
      }
    }
  }

  /** What is wrong with the identifier on this event, or null if the probe found nothing. */
  @SuppressWarnings("unchecked")
  private static String probe(Task<?> task, Object event, Object copy) {
    TaskIdentifier<Object> identifier = (TaskIdentifier<Object>) task.identifier();
    String first;
    String again;
    String ofCopy;
    try {
      first = identifier.identify(event);
      again = identifier.identify(event);
      ofCopy = identifier.identify(copy);
    } catch (Exception e) { // including checked exceptions thrown sneakily
      return "threw on a probe event "
          + event
          + ": "
          + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
    if (first == null || first.isBlank()) {
      return "returned " + (first == null ? "null" : "a blank identifier") + " for " + event;
    }
    if (!Objects.equals(first, again)) {
      return "returned '" + first + "' then '" + again + "' for the same event " + event;
    }
    if (!Objects.equals(first, ofCopy)) {
      return "returned '" + first + "' and '" + ofCopy + "' for two equal events " + event;
    }
    return null;
  }
}
