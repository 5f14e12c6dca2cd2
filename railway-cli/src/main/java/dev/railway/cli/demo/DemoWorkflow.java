package dev.railway.cli.demo;

import dev.railway.definition.Workflow;
import dev.railway.examples.orders.OrderCreation;
import dev.railway.examples.orders.OrderPlaced;
import java.time.Clock;

/**
 * The demo's order workflow wired to its simulated third parties, the same in the demo process and
 * in every {@code railway worker} it starts.
 */
public final class DemoWorkflow {
  private DemoWorkflow() {}

  public static Workflow<OrderPlaced> create(DemoLedger ledger, FaultInjector faults, Clock clock) {
    SimulatedThirdParties thirdParties =
        new SimulatedThirdParties(
            ledger,
            faults,
            DemoCommand.ATTEMPT_TIMEOUT.multipliedBy(3),
            DemoCommand.HOLD_TTL,
            clock);
    return OrderCreation.workflow(
        thirdParties.services(),
        new OrderCreation.Timings(
            DemoCommand.ATTEMPT_TIMEOUT, DemoCommand.LOCK_GRACE, DemoCommand.FIRST_RETRY));
  }
}
