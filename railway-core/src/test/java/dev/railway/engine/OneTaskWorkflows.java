package dev.railway.engine;

import dev.railway.definition.Backoff;
import dev.railway.definition.BlackBoxedBuilder;
import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.IdempotentBuilder;
import dev.railway.definition.Necessity;
import dev.railway.definition.OptimisticLockBuilder;
import dev.railway.definition.PessimisticLockBuilder;
import dev.railway.definition.Rationale;
import dev.railway.definition.Task;
import dev.railway.definition.Tasks;
import dev.railway.definition.TodoBuilder;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Approved;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Failed;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.TestEvents.Rejected;
import dev.railway.engine.TestEvents.Review;
import dev.railway.engine.TestEvents.Uncertain;
import dev.railway.engine.TestEvents.Verdict;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Builders for one-task workflows, one per kind, wired to a recording fake: the task {@value #TASK}
 * with identifier {@code call-<order id>}, deciding {@link Done}, mapping faults to {@link Failed},
 * retrying every {@link #RETRY} up to {@link #MAX_ATTEMPTS} attempts. Tests adjust the returned
 * builder and pass the built task to {@link #workflow}.
 */
final class OneTaskWorkflows {
  static final String TASK = "call";
  static final Duration RETRY = Duration.ofSeconds(1);
  static final int MAX_ATTEMPTS = 5;
  static final Duration GRACE = Duration.ofSeconds(10);

  private OneTaskWorkflows() {}

  static String taskId(String orderId) {
    return TASK + "-" + orderId;
  }

  static Workflow<Order> workflow(Task<?>... tasks) {
    return Workflow.builder("one", Order.class)
        .startAt(tasks[0].name())
        .triggerId(Order::id)
        .tasks(tasks)
        .build();
  }

  static IdempotentBuilder<Order, String> idempotent(KeyedApi api) {
    return Tasks.idempotent(TASK, Order.class, String.class)
        .identifiedBy(o -> taskId(o.id()))
        .attempt((o, id) -> api.charge(id))
        .decide((o, r) -> new Done(o.id(), r), Done.class)
        .onFault((err, o, id) -> new Failed(o.id(), err.toString()), Failed.class)
        .backoff(Backoff.fixed(RETRY, MAX_ATTEMPTS))
        .lockGrace(GRACE)
        .outcome(Done.class)
        .outcome(Failed.class);
  }

  static PessimisticLockBuilder<Order, String> pessimistic(QueryableApi api) {
    return Tasks.pessimisticLock(TASK, Order.class, String.class)
        .identifiedBy(o -> taskId(o.id()))
        .attempt((o, id) -> api.create(id))
        .previous((o, id) -> api.find(id))
        .decide((o, r) -> new Done(o.id(), r), Done.class)
        .onFault((err, o, id) -> new Failed(o.id(), err.toString()), Failed.class)
        .backoff(Backoff.fixed(RETRY, MAX_ATTEMPTS))
        .lockGrace(GRACE)
        .outcome(Done.class)
        .outcome(Failed.class);
  }

  static OptimisticLockBuilder<Order, String, String> optimistic(TwoStepApi api) {
    return optimisticWithoutUndo(api).undo((o, id, hold) -> api.undo(id, hold));
  }

  /** An OptimisticLock task whose third party cannot undo a first step. */
  static OptimisticLockBuilder<Order, String, String> optimisticWithoutUndo(TwoStepApi api) {
    return Tasks.optimisticLock(TASK, Order.class, String.class, String.class)
        .identifiedBy(o -> taskId(o.id()))
        .firstStep((o, id) -> api.hold(id))
        .firstSteps((o, id) -> api.liveHolds(id))
        .completed((o, id) -> api.confirmed(id))
        .secondStep((o, id, hold) -> api.confirm(id, hold))
        .decide((o, r) -> new Done(o.id(), r), Done.class)
        .onFault((err, o, id) -> new Failed(o.id(), err.toString()), Failed.class)
        .backoff(Backoff.fixed(RETRY, MAX_ATTEMPTS))
        .lockGrace(GRACE)
        .outcome(Done.class)
        .outcome(Failed.class);
  }

  static BlackBoxedBuilder<Order, String> blackBoxed(OpaqueApi api, Compromise compromise) {
    BlackBoxedBuilder<Order, String> b =
        Tasks.blackBoxed(TASK, Order.class, String.class)
            .identifiedBy(o -> taskId(o.id()))
            .attempt((o, id) -> api.send(id))
            .decide((o, r) -> new Done(o.id(), r), Done.class)
            .onFault((err, o, id) -> new Failed(o.id(), err.toString()), Failed.class)
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
                (o, id, startedAt) -> new Uncertain(o.id(), startedAt),
                Uncertain.class)
            .backoff(Backoff.fixed(RETRY, MAX_ATTEMPTS))
            .lockGrace(GRACE)
            .outcome(Done.class)
            .outcome(Failed.class);
    return compromise instanceof Compromise.HumanReview h
        ? b.goTo(Uncertain.class, h.todoTask())
        : b.outcome(Uncertain.class);
  }

  /**
   * A review ToDo entered by {@code input}: agents see every review, its owner only their own; a
   * verdict needs a note; approve or reject.
   */
  static <E> TodoBuilder<E, Review, Verdict> review(
      String name, Class<E> input, java.util.function.Function<E, String> orderId) {
    return Tasks.todo(name, input, Review.class, Verdict.class)
        .identifiedBy(e -> name + "-" + orderId.apply(e))
        .readModel((e, id) -> new Review(orderId.apply(e), "owner-" + orderId.apply(e)))
        .access((p, m) -> p.hasRole("agent") || p.name().equals(m.owner()))
        .contract(v -> {
          List<String> problems = new ArrayList<>();
          if (v.note() == null || v.note().isBlank()) {
            problems.add("note: must not be blank");
          }
          if (v.note() != null && v.note().length() > 20) {
            problems.add("note: at most 20 characters, was " + v.note().length());
          }
          return problems;
        })
        .decide(
            (m, v) -> v.approve() ? new Approved(m.id(), v.note()) : new Rejected(m.id(), v.note()),
            Approved.class,
            Rejected.class)
        .outcome(Approved.class)
        .outcome(Rejected.class);
  }
}
