package dev.railway.engine;

import static dev.railway.engine.OneTaskWorkflows.MAX_ATTEMPTS;
import static dev.railway.engine.OneTaskWorkflows.taskId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Compromise;
import dev.railway.definition.Concern;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Visibility;
import dev.railway.engine.TestEvents.Done;
import dev.railway.engine.TestEvents.Failed;
import dev.railway.engine.TestEvents.Order;
import dev.railway.engine.TestEvents.Undeclared;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class UndeclaredEventTest {
  @RegisterExtension final EngineHarness h = new EngineHarness();

  @Test
  void undeclaredEvent_fromDecider_notRecorded_faultNamesTaskAndType_faultMappingDecides() {
    KeyedApi api = new KeyedApi();
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.idempotent(api)
                .decide((o, r) -> new Undeclared(o.id()), Done.class)
                .build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));

    h.settle(engine);

    assertThat(h.decision(taskId("1")).cause()).isEqualTo("FAULT");
    assertThat(h.decision(taskId("1")).event().type()).isEqualTo(Failed.class.getName());
    assertThat(h.outcomes())
        .singleElement()
        .isInstanceOfSatisfying(
            Failed.class,
            f ->
                assertThat(f.error())
                    .contains("task 'call'")
                    .contains(Undeclared.class.getName())
                    .contains("declares only [Done]"));
    assertThat(h.streamCount("one:1", "AttemptFaulted")).isEqualTo(MAX_ATTEMPTS);
    assertThat(api.effects(taskId("1"))).as("the key kept retries safe").isEqualTo(1);
  }

  @Test
  void undeclaredEvent_fromUncertaintyMapping_isAFault_faultMappingDecides() {
    OpaqueApi api = new OpaqueApi();
    var wf =
        OneTaskWorkflows.workflow(
            OneTaskWorkflows.blackBoxed(api, Compromise.atMostOnce())
                .compromise(
                    Compromise.atMostOnce()
                        .because(
                            new Rationale(
                                Visibility.TRACEABLE,
                                Necessity.SHOULD_HAPPEN,
                                Concern.OWN,
                                Set.of(),
                                "a test double: only the algorithm is under test")),
                    (o, id, at) -> new Undeclared(o.id()),
                    TestEvents.Uncertain.class)
                .build());
    Engine engine = h.engine(wf);
    engine.trigger(wf, new Order("1"));
    api.then(ThirdParty.Behaviour.LOSE_RESPONSE);

    h.settle(engine);

    assertThat(h.decision(taskId("1")).cause()).isEqualTo("FAULT");
    assertThat(h.outcomes())
        .singleElement()
        .isInstanceOfSatisfying(
            Failed.class,
            f -> assertThat(f.error()).contains("possible failure path").contains("Undeclared"));
    assertThat(api.effects(taskId("1"))).as("never executed again").isEqualTo(1);
  }
}
