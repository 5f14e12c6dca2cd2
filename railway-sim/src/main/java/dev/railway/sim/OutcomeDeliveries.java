package dev.railway.sim;

import dev.railway.engine.OutcomeListener;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The run's outcome listener, registered on every worker's engine: it counts deliveries per
 * instance and fails as the fault plan says — now and then, or always for a poison outcome, which
 * must never block the delivery of the others (L1).
 */
final class OutcomeDeliveries implements OutcomeListener {
  private final FaultPlan faults;
  private final Trace trace;
  private final Map<String, Integer> delivered = new LinkedHashMap<>();
  private final Set<String> seen = new LinkedHashSet<>();
  private final Set<String> poison = new LinkedHashSet<>();
  private final Set<String> failed = new LinkedHashSet<>();

  OutcomeDeliveries(FaultPlan faults, Trace trace) {
    this.faults = faults;
    this.trace = trace;
  }

  @Override
  public void onOutcome(String eventId, String workflow, String instanceId, Object outcome) {
    if (seen.add(instanceId) && faults.poison()) {
      poison.add(instanceId);
      trace.note("FAULT listener-error: the outcome of " + instanceId + " always fails");
    }
    if (poison.contains(instanceId)) {
      throw new IllegalStateException("listener rejects the outcome of " + instanceId);
    }
    if (faults.listenerFails()) {
      failed.add(instanceId);
      trace.note("FAULT listener-error delivering the outcome of " + instanceId);
      throw new IllegalStateException("listener failed on the outcome of " + instanceId);
    }
    delivered.merge(instanceId, 1, Integer::sum);
    trace.note("OUTCOME delivered " + instanceId + " " + outcome.getClass().getSimpleName());
  }

  /** Deliveries per instance id. */
  Map<String, Integer> delivered() {
    return delivered;
  }

  /** Instances whose outcome the listener refused at least once (poison apart). */
  Set<String> failed() {
    return failed;
  }

  /** Instances whose outcome the listener always refuses. */
  Set<String> poison() {
    return poison;
  }
}
