package dev.railway.sim;

import dev.railway.definition.Backoff;
import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Tasks;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One-task workflows per integration kind, each on a simulated third party of its kind: the task
 * {@code call-<id>} decides {@link Done}, maps faults to {@link Failed} after {@link #ATTEMPTS}
 * attempts, and BlackBoxed maps a possible failure to {@link Uncertain}. Most seeds give the task a
 * deadline (drawn per seed, so that it lands anywhere in or between attempts) mapped to {@link
 * Expired}.
 */
final class KindWorkflows {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final Duration GRACE = Duration.ofSeconds(5);
  static final int ATTEMPTS = 6;

  record Request(String id) {}

  record Done(String id, String result) {}

  record Failed(String id, String error) {}

  record Uncertain(String id, Instant previousAttemptStartedAt) {}

  record Expired(String id) {}

  private KindWorkflows() {}

  static Request request(int i) {
    return new Request("r" + i);
  }

  static Workflow<Request> idempotent(SimulatedWorld world) {
    SimulatedPaymentProvider payments = world.paymentProvider();
    return one(
        Tasks.idempotent("charge", Request.class, String.class)
            .identifiedBy(r -> "charge-" + r.id())
            .attempt((r, taskId) -> payments.charge(taskId, 1_000).paymentId())
            .decide((r, paymentId) -> new Done(r.id(), paymentId), Done.class)
            .onFault((e, r, taskId) -> new Failed(r.id(), e.toString()), Failed.class)
            .backoff(Backoff.fixed(Duration.ofSeconds(1), ATTEMPTS))
            .attemptTimeout(TIMEOUT)
            .lockGrace(GRACE)
            .expiresAfter(deadline(world), (r, taskId) -> new Expired(r.id()), Expired.class)
            .outcome(Done.class)
            .outcome(Failed.class)
            .outcome(Expired.class)
            .build());
  }

  static Workflow<Request> pessimistic(SimulatedWorld world) {
    SimulatedTicketingApi tickets = world.ticketingApi();
    return one(
        Tasks.pessimisticLock("ticket", Request.class, String.class)
            .identifiedBy(r -> "ticket-" + r.id())
            .attempt((r, taskId) -> tickets.create(taskId, "request " + r.id()).number())
            .previous((r, taskId) ->
                tickets.findByTaskId(taskId).map(SimulatedTicketingApi.Ticket::number))
            .decide((r, number) -> new Done(r.id(), number), Done.class)
            .onFault((e, r, taskId) -> new Failed(r.id(), e.toString()), Failed.class)
            .backoff(Backoff.fixed(Duration.ofSeconds(1), ATTEMPTS))
            .attemptTimeout(TIMEOUT)
            .lockGrace(GRACE)
            .expiresAfter(deadline(world), (r, taskId) -> new Expired(r.id()), Expired.class)
            .outcome(Done.class)
            .outcome(Failed.class)
            .outcome(Expired.class)
            .build());
  }

  static Workflow<Request> optimistic(SimulatedWorld world) {
    SimulatedReservationApi reservations = world.reservationApi();
    return one(
        Tasks.optimisticLock(
                "reserve",
                Request.class,
                SimulatedReservationApi.Reservation.class,
                SimulatedReservationApi.Confirmation.class)
            .identifiedBy(r -> "reserve-" + r.id())
            .firstStep((r, taskId) -> reservations.reserve(taskId))
            .firstSteps((r, taskId) -> reservations.pending(taskId))
            .completed((r, taskId) -> reservations.confirmed(taskId))
            .secondStep((r, taskId, own) -> reservations.confirm(own))
            .undo((r, taskId, own) -> reservations.cancel(own))
            .decide((r, c) -> new Done(r.id(), c.reservationId()), Done.class)
            .onFault((e, r, taskId) -> new Failed(r.id(), e.toString()), Failed.class)
            .backoff(Backoff.fixed(Duration.ofSeconds(1), ATTEMPTS))
            .attemptTimeout(TIMEOUT)
            .lockGrace(GRACE)
            .expiresAfter(deadline(world), (r, taskId) -> new Expired(r.id()), Expired.class)
            .outcome(Done.class)
            .outcome(Failed.class)
            .outcome(Expired.class)
            .build());
  }

  static Workflow<Request> blackBoxed(SimulatedWorld world, Compromise compromise) {
    SimulatedEmailApi email = world.emailApi();
    return one(
        Tasks.blackBoxed("mail", Request.class, String.class)
            .identifiedBy(r -> "mail-" + r.id())
            .attempt((r, taskId) -> email.send("customer-" + r.id(), "your request"))
            .decide((r, messageId) -> new Done(r.id(), messageId), Done.class)
            .compromise(
                compromise.rationale() == null
                    ? compromise.because(
                        new Rationale(
                            Visibility.TRACEABLE,
                            Necessity.SHOULD_HAPPEN,
                            Concern.OWN,
                            Set.of(),
                            "a test double: only the algorithm is under test"))
                    : compromise,
                (r, taskId, startedAt) -> new Uncertain(r.id(), startedAt),
                Uncertain.class)
            .onFault((e, r, taskId) -> new Failed(r.id(), e.toString()), Failed.class)
            .backoff(Backoff.fixed(Duration.ofSeconds(1), ATTEMPTS))
            .attemptTimeout(TIMEOUT)
            .lockGrace(GRACE)
            .expiresAfter(deadline(world), (r, taskId) -> new Expired(r.id()), Expired.class)
            .outcome(Done.class)
            .outcome(Failed.class)
            .outcome(Uncertain.class)
            .outcome(Expired.class)
            .build());
  }

  /**
   * The task's deadline in this seed: from a few seconds (inside the first attempt) to well past
   * the retries, or practically none in a quarter of the seeds.
   */
  private static Duration deadline(SimulatedWorld world) {
    return world.nextInt(4) == 0
        ? Duration.ofDays(1)
        : Duration.ofMillis(2_000 + world.nextInt(120_000));
  }

  private static Workflow<Request> one(dev.railway.definition.StateTask<Request, ?> task) {
    return Workflow.builder("sim-" + task.name(), Request.class)
        .startAt(task.name())
        .triggerId(Request::id)
        .tasks(task)
        .build();
  }
}
