package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.railway.definition.Principal;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import dev.railway.engine.TestEvents.Approved;
import dev.railway.engine.TestEvents.Expired;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.TestEvents.Rejected;
import dev.railway.engine.TestEvents.Review;
import dev.railway.engine.TestEvents.Verdict;
import dev.railway.engine.TodoRejectedException.Reason;
import dev.railway.engine.testing.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TodoInboxTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();
  private final Principal agent = Principal.of("ann", "agent");
  private final Principal owner2 = Principal.of("owner-2");
  private final Principal stranger = Principal.of("mallory");
  private Engine engine;
  private final TodoTask<Order, Review, Verdict> review =
      OneTaskWorkflows.review("review", Order.class, Order::id)
          .expiresAfter(Duration.ofHours(1), (o, id) -> new Expired(o.id()), Expired.class)
          .outcome(Expired.class)
          .build();
  private final Workflow<Order> wf = OneTaskWorkflows.workflow(review);

  private Workflow<Order> start(String... orders) {
    engine = h.engine(wf);
    for (String o : orders) {
      engine.trigger(wf, new Order(o));
    }
    return wf;
  }

  private TodoRejectedException rejected(String taskId, Principal p, Object command) {
    return (TodoRejectedException)
        org.assertj.core.api.Assertions.catchThrowable(
            () -> engine.todos().complete(taskId, p, command));
  }

  @Test
  void todo_open_appliesAccessRuleAndFilter() {
    start("1", "2", "3");

    assertThat(engine.todos().open(wf, review, agent))
        .extracting(OpenTodo::taskId)
        .containsExactly("review-1", "review-2", "review-3");
    assertThat(engine.todos().open(wf, review, owner2))
        .extracting(OpenTodo::readModel)
        .containsExactly(new Review("2", "owner-2"));
    assertThat(engine.todos().open(wf, review, stranger)).isEmpty();
    assertThat(engine.todos().open(wf, review, agent, m -> m.id().equals("3")))
        .singleElement()
        .satisfies(t -> {
          assertThat(t.instanceId()).isEqualTo("one:3");
          assertThat(t.deadline()).isEqualTo(SettableClock.START.plus(Duration.ofHours(1)));
        });
  }

  @Test
  void todo_readModel_onlyForAuthorised_andOnlyWhileOpen() {
    start("1");

    assertThat(engine.todos().readModel(review, agent, "review-1"))
        .contains(new Review("1", "owner-1"));
    assertThat(engine.todos().readModel(review, stranger, "review-1")).isEmpty();
    engine.todos().complete("review-1", agent, new Verdict(true, "ok"));
    assertThat(engine.todos().readModel(review, agent, "review-1")).isEmpty();
  }

  @Test
  void todo_complete_decides_andTheOutcomeIsDelivered() {
    start("2");

    assertThat(engine.todos().complete("review-2", owner2, new Verdict(true, "fine")))
        .isEqualTo(new Approved("2", "fine"));
    engine.runDueTasks();

    assertThat(h.outcomes()).containsExactly(new Approved("2", "fine"));
    assertThat(h.decision("review-2").decidedBy()).isEqualTo("owner-2");
  }

  @Test
  void todo_complete_accessDenied_recordsNothing() {
    start("1");

    TodoRejectedException e = rejected("review-1", stranger, new Verdict(true, "ok"));

    assertThat(e.reason()).isEqualTo(Reason.ACCESS_DENIED);
    assertThat(e.getMessage()).contains("mallory").contains("review-1");
    assertThat(h.store.decision("review-1")).isEmpty();
  }

  @Test
  void todo_complete_contractViolated_listsEveryViolation() {
    start("1");

    TodoRejectedException e = rejected("review-1", agent, new Verdict(true, " ".repeat(25)));

    assertThat(e.reason()).isEqualTo(Reason.CONTRACT_VIOLATED);
    assertThat(e.violations())
        .containsExactly("note: must not be blank", "note: at most 20 characters, was 25");
    assertThat(e.getMessage()).contains("must not be blank").contains("at most 20 characters");
    assertThat(h.store.decision("review-1")).isEmpty();
  }

  @Test
  void todo_complete_wrongCommandType_isAContractViolationNamingBothTypes() {
    start("1");

    TodoRejectedException e = rejected("review-1", agent, "approve please");

    assertThat(e.reason()).isEqualTo(Reason.CONTRACT_VIOLATED);
    assertThat(e.getMessage()).contains("Verdict").contains("java.lang.String");
    assertThat(e.violations()).singleElement().asString().contains(Verdict.class.getName());
  }

  @Test
  void todo_complete_secondCommand_alreadyDecided_namesTheFirst() {
    start("1");
    engine.todos().complete("review-1", agent, new Verdict(true, "first"));

    TodoRejectedException e = rejected("review-1", agent, new Verdict(false, "second"));

    assertThat(e.reason()).isEqualTo(Reason.ALREADY_DECIDED);
    assertThat(e.getMessage()).contains("already decided by ann");
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Approved("1", "first"));
  }

  @Test
  void todo_complete_twoConcurrentCommands_exactlyOneWins() throws Exception {
    CyclicBarrier bothDeciding = new CyclicBarrier(2);
    AtomicInteger deciding = new AtomicInteger();
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.review("review", Order.class, Order::id)
                .decide(
                    (m, v) -> {
                      // The loser decides once more to tell a repeat from a conflict: only the
                      // first two decisions race.
                      if (deciding.getAndIncrement() < 2) {
                        await(bothDeciding);
                      }
                      return new Approved(m.id(), v.note());
                    },
                    // Re-declaring decide replaces its event types: keep both routed ones declared.
                    Approved.class,
                    Rejected.class)
                .cannotExpire()
                .build());
    engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));

    List<Object> results;
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<Object> a = pool.submit(() -> complete(new Verdict(true, "a")));
      Future<Object> b = pool.submit(() -> complete(new Verdict(true, "b")));
      results = List.of(a.get(10, TimeUnit.SECONDS), b.get(10, TimeUnit.SECONDS));
    }

    assertThat(results).filteredOn(Approved.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(Reason.ALREADY_DECIDED::equals).hasSize(1);
  }

  private Object complete(Verdict v) {
    try {
      return engine.todos().complete("review-1", agent, v);
    } catch (TodoRejectedException e) {
      return e.reason();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("racer never arrived", e);
    }
  }

  @Test
  void todo_complete_unknownTask_notFound() {
    start("1");

    TodoRejectedException e = rejected("review-9", agent, new Verdict(true, "ok"));

    assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND);
    assertThat(e.getMessage()).contains("review-9");
  }

  @Test
  void todo_complete_afterDeadline_expired_thenTheExpiryTransitionIsRecorded() {
    start("1");
    h.clock.advance(Duration.ofHours(1));

    TodoRejectedException e = rejected("review-1", agent, new Verdict(true, "late"));

    assertThat(e.reason()).isEqualTo(Reason.EXPIRED);
    engine.runDueTasks();
    assertThat(h.outcomes()).containsExactly(new Expired("1"));
  }

  @Test
  void todo_complete_identicalRepeatByTheDecider_getsTheSameAnswer_othersConflict() {
    start("1");
    Object first = engine.todos().complete("review-1", agent, new Verdict(true, "ok"));

    assertThat(engine.todos().complete("review-1", agent, new Verdict(true, "ok")))
        .isEqualTo(first);
    assertThat(rejected("review-1", agent, new Verdict(true, "other")).reason())
        .isEqualTo(Reason.ALREADY_DECIDED);
    assertThat(rejected("review-1", Principal.of("bob", "agent"), new Verdict(true, "ok")).reason())
        .isEqualTo(Reason.ALREADY_DECIDED);
    assertThat(h.store.decisions("one:1")).hasSize(1);
  }

  @Test
  void todo_complete_theDeciderSeesThePrincipal_andTheStreamRecordsIt() {
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.review("review", Order.class, Order::id)
                .decide(
                    (m, v, answeredBy) -> new Approved(m.id(), "by " + answeredBy.name()),
                    Approved.class,
                    Rejected.class)
                .cannotExpire()
                .build());
    engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));

    assertThat(engine.todos().complete("review-1", agent, new Verdict(true, "by mallory")))
        .isEqualTo(new Approved("1", "by ann"));
    assertThat(h.store.stream("one:1"))
        .filteredOn(e -> e.kind().equals("Decided"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).endsWith(" by ann"));
  }

  @Test
  void todo_pastItsDeadline_isExpiredForEveryone_beforeAndAfterTheWorkerRecordsIt() {
    start("1");
    h.clock.advance(Duration.ofHours(1));

    assertThat(engine.todos().open(wf, review, agent)).isEmpty();
    assertThat(engine.todos().readModel(review, agent, "review-1")).isEmpty();
    assertThat(rejected("review-1", agent, new Verdict(true, "late")).reason())
        .isEqualTo(Reason.EXPIRED);
    engine.runDueTasks();
    assertThat(h.decision("review-1").cause()).isEqualTo("EXPIRY");
    TodoRejectedException after = rejected("review-1", agent, new Verdict(true, "late"));
    assertThat(after.reason()).isEqualTo(Reason.EXPIRED);
    assertThat(after.getMessage()).doesNotContain("already decided");
  }

  @Test
  void todo_submit_withoutLocator_isAClearError() {
    start("1");

    assertThatThrownBy(() -> engine.todos().submit("one", "review", agent, new Verdict(true, "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no command locator");
  }

  @Test
  void todo_typedComplete_takesOnlyAToDoOfItsOwnTask() {
    start("1");
    TodoTask<Order, Review, Verdict> other =
        OneTaskWorkflows.review("second-look", Order.class, Order::id).build();

    assertThat(
            catchThrowableOfType(
                TodoRejectedException.class,
                () -> engine.todos().complete(other, "review-1", agent, new Verdict(true, "x"))))
        .extracting(TodoRejectedException::reason)
        .isEqualTo(TodoRejectedException.Reason.NOT_FOUND);
    assertThat(h.store.decision("review-1")).isEmpty();

    assertThat(engine.todos().complete(review, "review-1", agent, new Verdict(true, "ok")))
        .isEqualTo(new Approved("1", "ok"));
  }

  @Test
  void todo_byName_withSeveralVersionsRegistered_isRefusedNamingThem() {
    Workflow<Order> v2 =
        Workflow.builder("one", Order.class)
            .version(2)
            .startAt("review")
            .triggerId(Order::id)
            .tasks(review)
            .build();
    engine = h.engine(wf, v2);

    assertThatThrownBy(() -> engine.todos().open(agent, "one", "review"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("several versions")
        .hasMessageContaining("one@1")
        .hasMessageContaining("one@2");
    assertThat(engine.todos().open(agent, "one@2", "review")).isEmpty();
    assertThat(engine.todos().open(agent, "one@1", "review", Review.class)).isEmpty();
    assertThatThrownBy(() -> engine.todos().open(agent, "one@1", "review", String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has read model")
        .hasMessageContaining(Review.class.getName());
    assertThat(engine.todos().open(v2, review, agent)).isEmpty();
  }
}
