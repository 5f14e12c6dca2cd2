package dev.railway.cli.worker;

import dev.railway.cli.bench.BenchWorkflows;
import dev.railway.cli.bench.ThirdParties;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.examples.orders.OrderPlaced;
import java.time.Duration;

/**
 * The workflows every worker runs, and every process that triggers them registers the same way: the
 * bench workflows, with the mixed one calling {@code thirdParties}.
 */
public final class WorkerWorkflows {
  /** The fanout call's latency in workers, as in {@code railway bench}. */
  public static final Duration FANOUT_CALL = Duration.ofMillis(200);

  private WorkerWorkflows() {}

  /** Registers the bench workflows, and the demo's order workflow when {@code orders} is given. */
  public static Engine.Builder register(
      Engine.Builder engine, ThirdParties thirdParties, Workflow<OrderPlaced> orders) {
    if (orders != null) {
      engine.workflow(orders);
    }
    return engine
        .workflow(BenchWorkflows.noop())
        .workflow(BenchWorkflows.fanout(FANOUT_CALL))
        .workflow(BenchWorkflows.mixed(thirdParties));
  }
}
