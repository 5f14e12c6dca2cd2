package dev.railway.sim;

import java.util.List;

/**
 * A simulated third party. Write your own by implementing this and routing every operation through
 * {@link SimulatedWorld#call}, reporting each real effect (what the invariants count: a charge, a
 * confirmed reservation, a ticket, a sent mail) with {@link SimulatedWorld#effect}:
 *
 * <pre>{@code
 * final class SmsGateway implements SimulatedParty {
 *   private final SimulatedWorld world;
 *   SmsGateway(SimulatedWorld world) { this.world = world; world.register(this); }
 *   public String name() { return "sms"; }
 *   String send(String to, String text) throws Exception {
 *     return world.call(this, "send", () -> {
 *       world.effect(this, "sms to " + to);
 *       return "sms-" + to;
 *     });
 *   }
 * }
 * }</pre>
 *
 * The simulation attributes each effect to the task whose attempt made the call, and bounds it by
 * that task's integration kind (DESIGN.md §6, I3–I6).
 */
public interface SimulatedParty {

  /** A short name for traces, e.g. {@code payments}. */
  String name();

  /**
   * What this party finds wrong in its own records at the end of a run, beyond effect counts (for
   * example a losing first step that was never undone). None by default.
   */
  default List<String> problems() {
    return List.of();
  }
}
