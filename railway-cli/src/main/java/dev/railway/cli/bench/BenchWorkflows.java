package dev.railway.cli.bench;

import dev.railway.cli.bench.BenchEvents.Charged;
import dev.railway.cli.bench.BenchEvents.Done;
import dev.railway.cli.bench.BenchEvents.Failed;
import dev.railway.cli.bench.BenchEvents.Invoiced;
import dev.railway.cli.bench.BenchEvents.Reserved;
import dev.railway.cli.bench.BenchEvents.ShipmentUncertain;
import dev.railway.cli.bench.BenchEvents.Started;
import dev.railway.definition.Backoff;
import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Tasks;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import java.time.Duration;
import java.util.Set;

/**
 * The bench workflows: {@code noop} (one Idempotent task that does nothing), {@code fanout} (one
 * Idempotent task waiting on a slow third party) and {@code mixed} (one task of each integration
 * kind: charge, reserve, invoice, ship).
 */
public final class BenchWorkflows {
  public static final String NOOP = "bench-noop";
  public static final String FANOUT = "bench-fanout";
  public static final String MIXED = "bench-mixed";

  /** Attempt timeout of the mixed tasks: short, so injected slow responses cost little time. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(400);

  public static final Duration LOCK_GRACE = Duration.ofMillis(200);

  /** How long a stock hold lives if nobody confirms or releases it. */
  public static final Duration HOLD_TTL = Duration.ofSeconds(2);

  /** Retries of the mixed tasks: enough that injected faults rarely exhaust them. */
  static final Backoff<Started> RETRY = Backoff.fixed(Duration.ofMillis(100), 8);

  private BenchWorkflows() {}

  public static Workflow<Started> noop() {
    return Workflow.builder(NOOP, Started.class)
        .startAt("noop")
        .triggerId(Started::id)
        .tasks(
            Tasks.idempotent("noop", Started.class, String.class)
                .identifiedBy(s -> "noop-" + s.id())
                .attempt((s, taskId) -> "ok")
                .decide((s, r) -> new Done(s.id(), r), Done.class)
                .onFault((e, s, taskId) -> new Failed(s.id(), "noop", e.toString()), Failed.class)
                .outcome(Done.class)
                .outcome(Failed.class)
                .build())
        .build();
  }

  /** One call per instance that takes {@code latency}, like a slow third party. */
  public static Workflow<Started> fanout(Duration latency) {
    return Workflow.builder(FANOUT, Started.class)
        .startAt("call")
        .triggerId(Started::id)
        .tasks(
            Tasks.idempotent("call", Started.class, String.class)
                .identifiedBy(s -> "call-" + s.id())
                .attempt((s, taskId) -> {
                  Thread.sleep(latency.toMillis());
                  return "answered";
                })
                .decide((s, r) -> new Done(s.id(), r), Done.class)
                .onFault((e, s, taskId) -> new Failed(s.id(), "call", e.toString()), Failed.class)
                .outcome(Done.class)
                .outcome(Failed.class)
                .build())
        .build();
  }

  /**
   * charge (Idempotent) → reserve (OptimisticLock: hold, confirm) → invoice (PessimisticLock) →
   * ship (BlackBoxed, at most once). Every task maps give-up to {@link Failed}; a possible failure
   * of the shipment ends in {@link ShipmentUncertain}.
   */
  public static Workflow<Started> mixed(ThirdParties api) {
    return Workflow.builder(MIXED, Started.class)
        .startAt("charge")
        .triggerId(Started::id)
        .tasks(
            Tasks.idempotent("charge", Started.class, String.class)
                .identifiedBy(s -> "charge-" + s.id())
                .attempt((s, taskId) -> api.charge(taskId))
                .decide((s, r) -> new Charged(s.id(), r), Charged.class)
                .onFault((e, s, id) -> new Failed(s.id(), "charge", e.toString()), Failed.class)
                .backoff(RETRY)
                .attemptTimeout(ATTEMPT_TIMEOUT)
                .lockGrace(LOCK_GRACE)
                .goTo(Charged.class, "reserve")
                .outcome(Failed.class)
                .build(),
            Tasks.optimisticLock("reserve", Charged.class, String.class, String.class)
                .identifiedBy(c -> "reserve-" + c.id())
                .firstStep((c, taskId) -> api.hold(taskId))
                .firstSteps((c, taskId) -> api.liveHolds(taskId))
                .completed((c, taskId) -> api.confirmed(taskId))
                .secondStep((c, taskId, hold) -> api.confirm(taskId, hold))
                .undo((c, taskId, hold) -> api.release(hold))
                .decide((c, r) -> new Reserved(c.id(), r), Reserved.class)
                .onFault((e, c, id) -> new Failed(c.id(), "reserve", e.toString()), Failed.class)
                .backoff(Backoff.fixed(Duration.ofMillis(100), 8))
                .attemptTimeout(ATTEMPT_TIMEOUT)
                .lockGrace(LOCK_GRACE)
                .goTo(Reserved.class, "invoice")
                .outcome(Failed.class)
                .build(),
            Tasks.pessimisticLock("invoice", Reserved.class, String.class)
                .identifiedBy(r -> "invoice-" + r.id())
                .attempt((r, taskId) -> api.invoice(taskId))
                .previous((r, taskId) -> api.findInvoice(taskId))
                .decide((r, i) -> new Invoiced(r.id(), i), Invoiced.class)
                .onFault((e, r, id) -> new Failed(r.id(), "invoice", e.toString()), Failed.class)
                .backoff(Backoff.fixed(Duration.ofMillis(100), 8))
                .attemptTimeout(ATTEMPT_TIMEOUT)
                .lockGrace(LOCK_GRACE)
                .goTo(Invoiced.class, "ship")
                .outcome(Failed.class)
                .build(),
            Tasks.blackBoxed("ship", Invoiced.class, String.class)
                .identifiedBy(i -> "ship-" + i.id())
                .attempt((i, taskId) -> api.ship(i.id()))
                .decide((i, r) -> new Done(i.id(), r), Done.class)
                .onFault((e, i, id) -> new Failed(i.id(), "ship", e.toString()), Failed.class)
                .compromise(
                    Compromise.atMostOnce()
                        .because(
                            new Rationale(
                                Visibility.TRACEABLE,
                                Necessity.SHOULD_HAPPEN,
                                Concern.OWN,
                                Set.of(),
                                "a benchmark: an uncertain shipment is counted, not retried")),
                    (i, id, startedAt) -> new ShipmentUncertain(i.id(), startedAt),
                    ShipmentUncertain.class)
                .backoff(Backoff.fixed(Duration.ofMillis(100), 8))
                .attemptTimeout(ATTEMPT_TIMEOUT)
                .lockGrace(LOCK_GRACE)
                .outcome(Done.class)
                .outcome(Failed.class)
                .outcome(ShipmentUncertain.class)
                .build())
        .build();
  }
}
