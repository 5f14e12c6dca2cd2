package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Backoff;
import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.Necessity;
import dev.railway.definition.Principal;
import dev.railway.definition.Rationale;
import dev.railway.definition.Tasks;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import dev.railway.engine.testing.SettableClock;
import dev.railway.store.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EngineSmokeTest {
  record Start(String id) {}

  record Paid(String id) {}

  record Shipped(String id) {}

  record Mailed(String id) {}

  record Approved(String id) {}

  record Failed(String id) {}

  record Approve(boolean ok) {}

  @Test
  void runsEveryKindToAnOutcome() {
    SettableClock c = new SettableClock();
    AtomicInteger mails = new AtomicInteger();
    List<String> holds = new ArrayList<>();
    var wf =
        Workflow.builder("smoke", Start.class)
            .startAt("pay")
            .triggerId(Start::id)
            .tasks(
                Tasks.idempotent("pay", Start.class, String.class)
                    .identifiedBy(e -> "pay-" + e.id())
                    .attempt((e, id) -> "ok")
                    .decide((e, r) -> new Paid(e.id()), Paid.class)
                    .onFault((err, e, id) -> new Failed(e.id()), Failed.class)
                    .goTo(Paid.class, "ship")
                    .outcome(Failed.class)
                    .build(),
                Tasks.optimisticLock("ship", Paid.class, String.class, String.class)
                    .identifiedBy(e -> "ship-" + e.id())
                    .firstStep((e, id) -> {
                      holds.add(id);
                      return id;
                    })
                    .firstSteps((e, id) -> List.copyOf(holds))
                    .completed((e, id) -> Optional.empty())
                    .secondStep((e, id, s) -> "shipped")
                    .decide((e, r) -> new Shipped(e.id()), Shipped.class)
                    .onFault((err, e, id) -> new Failed(e.id()), Failed.class)
                    .goTo(Shipped.class, "mail")
                    .outcome(Failed.class)
                    .build(),
                Tasks.blackBoxed("mail", Shipped.class, String.class)
                    .identifiedBy(e -> "mail-" + e.id())
                    .attempt((e, id) -> {
                      mails.incrementAndGet();
                      return "sent";
                    })
                    .decide((e, r) -> new Mailed(e.id()), Mailed.class)
                    .compromise(
                        Compromise.atMostOnce()
                            .because(
                                new Rationale(
                                    Visibility.TRACEABLE,
                                    Necessity.SHOULD_HAPPEN,
                                    Concern.OWN,
                                    Set.of(),
                                    "a test double: only the algorithm is under test")),
                        (e, id, at) -> new Failed(e.id()),
                        Failed.class)
                    .onFault((err, e, id) -> new Failed(e.id()), Failed.class)
                    .backoff(Backoff.none())
                    .goTo(Mailed.class, "approve")
                    .outcome(Failed.class)
                    .build(),
                Tasks.todo("approve", Mailed.class, Mailed.class, Approve.class)
                    .identifiedBy(e -> "approve-" + e.id())
                    .readModel((e, id) -> e)
                    .access((p, m) -> p.hasRole("agent"))
                    .contract(cmd -> List.of())
                    .decide(
                        (m, cmd) -> cmd.ok() ? new Approved(m.id()) : new Failed(m.id()),
                        Approved.class,
                        Failed.class)
                    .cannotExpire()
                    .outcome(Approved.class)
                    .outcome(Failed.class)
                    .build())
            .build();
    List<Object> outcomes = new ArrayList<>();
    try (var engine =
        Engine.builder(new InMemoryStore(c))
            .clock(c)
            .workflow(wf)
            .onOutcome((id, w, i, o) -> outcomes.add(o))
            .build()) {
      engine.trigger(wf, new Start("1"));
      engine.trigger(wf, new Start("1"));
      while (engine.runDueTasks() > 0) {}
      var open = engine.todos().open(Principal.of("ann", "agent"), "smoke", "approve");
      assertThat(open).hasSize(1);
      assertThat(
              engine
                  .todos()
                  .complete(open.get(0).taskId(), Principal.of("ann", "agent"), new Approve(true)))
          .isEqualTo(new Approved("1"));
      engine.runDueTasks();
      assertThat(outcomes).containsExactly(new Approved("1"));
      assertThat(mails.get()).isEqualTo(1);
    }
  }
}
