package dev.railway.sim;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a simulation may inject; each run draws from the enabled ones with its seed. */
public enum Fault {
  /** A worker dies at a step boundary of an attempt; its claimed task waits for the lease. */
  CRASH,
  /** The same task runs on two workers at once (a lapsed lease, a redelivered message). */
  DUPLICATE_TASK,
  /** A trigger event is delivered again. */
  DUPLICATE_TRIGGER,
  /**
   * A third-party call fails: some errors say that nothing was done, some do not, and some are a
   * {@link Error} (a bug in user code), which is a fault of the attempt like any other.
   */
  ERROR,
  /** A third-party call hangs until the attempt timeout cuts it; nothing was done. */
  TIMEOUT,
  /** A third-party call acts, but its answer is lost. */
  LOST_RESPONSE,
  /**
   * A third-party call answers later than the lock lives: it acts while in flight, other workers
   * run meanwhile, and the attempt timeout cuts it before the answer arrives.
   */
  SLOW_RESPONSE,
  /**
   * Time passes inside attempts: successful calls and queries take a while, drawn up to and past
   * the attempt timeout (a call longer than the timeout the engine gave it is cut by that timeout,
   * possibly after acting), and a worker is slow between its steps before a call (store round
   * trips, a busy machine) — so a slow but legal call can straddle its lock's expiry.
   */
  LATENCY,
  /**
   * An outcome listener throws: some deliveries fail a few times, and some outcomes fail every time
   * (a poison outcome), which must never block the delivery of the others (L1).
   */
  LISTENER_ERROR,
  /** A worker pauses between its lock re-check and its call, for less than the grace period. */
  PAUSE_SHORT,
  /**
   * A worker pauses between its lock re-check and its call for longer than the lock lives. This
   * exceeds the documented assumption (pauses shorter than the grace period), so broken effect
   * bounds in such a run are reported as the assumption exceeded, not as violations.
   */
  PAUSE_LONG;

  /** Every fault within the documented assumptions: all but {@link #PAUSE_LONG}. */
  public static Set<Fault> defaults() {
    return EnumSet.complementOf(EnumSet.of(PAUSE_LONG));
  }

  /** The name on the command line, e.g. {@code lost-response}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Parses a comma-separated list such as {@code crash,timeout,pause-long}; {@code default} stands
   * for {@link #defaults()}, {@code all} for every fault, {@code none} for no fault.
   *
   * @throws IllegalArgumentException naming an unknown fault and listing the known ones
   */
  public static Set<Fault> parse(String list) {
    Set<Fault> faults = EnumSet.noneOf(Fault.class);
    if (list == null || list.isBlank()) {
      throw new IllegalArgumentException("fault list must not be blank; was '" + list + "'");
    }
    for (String raw : list.split(",")) {
      String name = raw.trim().toLowerCase(Locale.ROOT);
      switch (name) {
        case "default" -> faults.addAll(defaults());
        case "all" -> faults.addAll(EnumSet.allOf(Fault.class));
        case "none" -> {}
        default -> faults.add(byCliName(name));
      }
    }
    return faults;
  }

  private static Fault byCliName(String name) {
    List<String> known = new ArrayList<>();
    for (Fault f : values()) {
      if (f.cliName().equals(name)) {
        return f;
      }
      known.add(f.cliName());
    }
    throw new IllegalArgumentException(
        "unknown fault '"
            + name
            + "'; known: "
            + String.join(", ", known)
            + ", default, all, none");
  }
}
