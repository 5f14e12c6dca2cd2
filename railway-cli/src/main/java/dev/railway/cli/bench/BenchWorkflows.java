package dev.railway.cli.bench;

import dev.railway.cli.bench.BenchEvents.Approval;
import dev.railway.cli.bench.BenchEvents.ApprovalRequest;
import dev.railway.cli.bench.BenchEvents.Approved;
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
import dev.railway.definition.Endpoint;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Tasks;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The bench workflows: {@code noop} (one Idempotent task that does nothing), {@code fanout} (one
 * Idempotent task waiting on a slow third party), {@code mixed} (one task of each integration kind:
 * charge, reserve, invoice, ship) and {@code approval} (a ToDo a person answers, then a refund).
 */
public final class BenchWorkflows {
  public static final String NOOP = "bench-noop";
  public static final String FANOUT = "bench-fanout";
  public static final String MIXED = "bench-mixed";
  public static final String APPROVAL = "bench-approval";

  /** The ToDo of {@code approval}, and the role that may answer it. */
  public static final String APPROVE = "approve";

  public static final String APPROVER = "approver";

  /** Attempt timeout of the mixed tasks: short, so injected slow responses cost little time. */
  public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(400);

  public static final Duration LOCK_GRACE = Duration.ofMillis(200);

  /** How long a stock hold lives if nobody confirms or releases it. */
  public static final Duration HOLD_TTL = Duration.ofSeconds(2);

  /** Retries of the mixed tasks: enough that injected faults rarely exhaust them. */
  static final Backoff<Started> RETRY = Backoff.fixed(Duration.ofMillis(100), 8);

  private BenchWorkflows() {}

  /**
   * The attempt timeout and lock grace of the mixed and approval tasks. {@link #BENCH} is short so
   * that injected slow responses cost little time; a run on a busy store wants the engine's advice
   * (a lock grace of at least the store's longest wait, 5 s on PostgreSQL).
   */
  public record Timing(Duration attemptTimeout, Duration lockGrace) {
    public static final Timing BENCH = new Timing(ATTEMPT_TIMEOUT, LOCK_GRACE);

    public Timing {
      if (attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
        throw new IllegalArgumentException(
            "attempt timeout must be positive; was " + attemptTimeout);
      }
      if (lockGrace == null || lockGrace.isNegative()) {
        throw new IllegalArgumentException("lock grace must not be negative; was " + lockGrace);
      }
    }
  }

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
    return mixed(api, Timing.BENCH);
  }

  /** {@link #mixed(ThirdParties)} with the given timing. */
  public static Workflow<Started> mixed(ThirdParties api, Timing timing) {
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
                .attemptTimeout(timing.attemptTimeout())
                .lockGrace(timing.lockGrace())
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
                .attemptTimeout(timing.attemptTimeout())
                .lockGrace(timing.lockGrace())
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
                .attemptTimeout(timing.attemptTimeout())
                .lockGrace(timing.lockGrace())
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
                .attemptTimeout(timing.attemptTimeout())
                .lockGrace(timing.lockGrace())
                .outcome(Done.class)
                .outcome(Failed.class)
                .outcome(ShipmentUncertain.class)
                .build())
        .build();
  }

  /**
   * approve (ToDo: a person with the role {@value #APPROVER} approves the refund) → refund
   * (Idempotent, a charge under the key {@code refund-<id>}). The ToDo cannot expire: the refund
   * waits for its approver, as a real one would.
   */
  public static Workflow<Started> approval(ThirdParties api) {
    return approval(api, Timing.BENCH);
  }

  /** {@link #approval(ThirdParties)} with the given timing. */
  public static Workflow<Started> approval(ThirdParties api, Timing timing) {
    return Workflow.builder(APPROVAL, Started.class)
        .startAt(APPROVE)
        .triggerId(Started::id)
        .tasks(
            Tasks.todo(APPROVE, Started.class, ApprovalRequest.class, Approval.class)
                .identifiedBy(s -> "approve-" + s.id())
                .readModel((s, taskId) -> new ApprovalRequest(s.id()))
                .endpoint(Endpoint.httpRoute("bench/approvals"))
                .access("an approver", (who, request) -> who.hasRole(APPROVER))
                .contract(a ->
                    a.id() == null || a.id().isBlank()
                        ? List.of("id: must not be blank")
                        : List.<String>of())
                .decide(
                    (request, approval, who) -> new Approved(request.id(), who.name()),
                    Approved.class)
                .cannotExpire()
                .goTo(Approved.class, "refund")
                .build(),
            Tasks.idempotent("refund", Approved.class, String.class)
                .identifiedBy(a -> "refund-" + a.id())
                .attempt((a, taskId) -> api.charge(taskId))
                .decide((a, r) -> new Done(a.id(), r), Done.class)
                .onFault((e, a, id) -> new Failed(a.id(), "refund", e.toString()), Failed.class)
                .backoff(Backoff.fixed(Duration.ofMillis(100), 8))
                .attemptTimeout(timing.attemptTimeout())
                .lockGrace(timing.lockGrace())
                .outcome(Done.class)
                .outcome(Failed.class)
                .build())
        .build();
  }
}
