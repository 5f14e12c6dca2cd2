package dev.railway.cli.worker;

import dev.railway.cli.bench.BenchWorkflows;
import dev.railway.cli.bench.BenchWorkflows.Timing;
import dev.railway.cli.bench.ThirdParties;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.examples.orders.OrderPlaced;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    return register(engine, thirdParties, orders, Timing.BENCH);
  }

  /** {@link #register(Engine.Builder, ThirdParties, Workflow)} with the given task timing. */
  public static Engine.Builder register(
      Engine.Builder engine,
      ThirdParties thirdParties,
      Workflow<OrderPlaced> orders,
      Timing timing) {
    all(thirdParties, orders, timing).forEach(engine::workflow);
    return engine;
  }

  /** The workflows {@link #register} registers, in the same order. */
  public static List<Workflow<?>> all(
      ThirdParties thirdParties, Workflow<OrderPlaced> orders, Timing timing) {
    List<Workflow<?>> all = new ArrayList<>();
    if (orders != null) {
      all.add(orders);
    }
    all.add(BenchWorkflows.noop());
    all.add(BenchWorkflows.fanout(FANOUT_CALL));
    all.add(BenchWorkflows.mixed(thirdParties, timing));
    all.add(BenchWorkflows.approval(thirdParties, timing));
    return all;
  }
}
