package dev.railway.sim;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What may go wrong in one run, drawn from the run's seed: which faults are enabled, how likely
 * each is, and whether the fault window is still open (faults are drawn in the first {@link
 * #FAULT_ACTIONS} scheduler actions only, so that the run can settle afterwards).
 */
final class FaultPlan {
  static final int FAULT_ACTIONS = 400;
  private static final double P_CRASH = 0.04;
  private static final double P_DUPLICATE_TASK = 0.2;
  private static final double P_DUPLICATE_TRIGGER = 0.3;
  private static final double P_CALL_FAULT = 0.2;
  private static final double P_PAUSE = 0.2;
  private static final double P_SLOW_CALL = 0.3;
  private static final double P_SLOW_STEP = 0.2;
  private static final double P_LISTENER_FAILS = 0.3;
  private static final double P_POISON = 0.15;
  private static final Set<Fault> CALL_FAULTS =
      EnumSet.of(Fault.ERROR, Fault.TIMEOUT, Fault.LOST_RESPONSE, Fault.SLOW_RESPONSE);

  private final Set<Fault> enabled;
  private final SplittableRandom random;
  private final List<Fault> callFaults;
  private final List<Fault> pauses;
  private boolean open = true;

  FaultPlan(Set<Fault> enabled, SplittableRandom random) {
    this.enabled = enabled.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(enabled);
    this.random = random;
    this.callFaults = this.enabled.stream().filter(CALL_FAULTS::contains).toList();
    this.pauses =
        this.enabled.stream().filter(f -> f == Fault.PAUSE_SHORT || f == Fault.PAUSE_LONG).toList();
  }

  /** Closes the fault window once the run is past its first {@link #FAULT_ACTIONS} actions. */
  void atAction(int action) {
    open = action <= FAULT_ACTIONS;
  }

  boolean open() {
    return open;
  }

  boolean has(Fault f) {
    return enabled.contains(f);
  }

  boolean crash() {
    return draw(Fault.CRASH, P_CRASH);
  }

  boolean duplicateTask() {
    return draw(Fault.DUPLICATE_TASK, P_DUPLICATE_TASK);
  }

  boolean duplicateTrigger() {
    return draw(Fault.DUPLICATE_TRIGGER, P_DUPLICATE_TRIGGER);
  }

  /** The pause of a worker between its lock re-check and its action call, or null. */
  Fault pause() {
    if (!open || pauses.isEmpty() || random.nextDouble() >= P_PAUSE) {
      return null;
    }
    return pauses.get(random.nextInt(pauses.size()));
  }

  /** The fault of one third-party call, or null when it behaves. */
  Fault callFault() {
    if (!open || callFaults.isEmpty() || random.nextDouble() >= P_CALL_FAULT) {
      return null;
    }
    return callFaults.get(random.nextInt(callFaults.size()));
  }

  /**
   * How long a call that behaves takes: zero mostly, else up to 1.5 times {@code timeout} (the
   * attempt timeout), so that it may outlive the timeout the engine gave it.
   */
  Duration callDuration(Duration timeout) {
    if (!draw(Fault.LATENCY, P_SLOW_CALL)) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(random.nextLong(1 + timeout.toMillis() * 3 / 2));
  }

  /** When, within a call of {@code duration}, the third party acts. */
  Duration actsAfter(Duration duration) {
    return Duration.ofMillis(random.nextLong(1 + duration.toMillis()));
  }

  /**
   * How long a worker is slow between two steps before a call (store round trips, a busy machine):
   * zero mostly, else up to the lock's whole time to live {@code ttl} — long enough to let the lock
   * expire before the next call, which the engine must notice.
   */
  Duration slowStep(Duration ttl) {
    if (ttl.isZero() || !draw(Fault.LATENCY, P_SLOW_STEP)) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(1 + random.nextLong(ttl.toMillis()));
  }

  /** Whether this delivery of an outcome to the listener fails (a passing failure). */
  boolean listenerFails() {
    return draw(Fault.LISTENER_ERROR, P_LISTENER_FAILS);
  }

  /** Whether an outcome, seen for the first time, is a poison one whose delivery always fails. */
  boolean poison() {
    return open && has(Fault.LISTENER_ERROR) && random.nextDouble() < P_POISON;
  }

  SplittableRandom random() {
    return random;
  }

  private boolean draw(Fault f, double p) {
    return open && enabled.contains(f) && random.nextDouble() < p;
  }
}
