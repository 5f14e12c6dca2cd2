package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Workflow;
import dev.railway.engine.testing.ManualEngine;
import dev.railway.store.DecisionRecord;
import dev.railway.store.InMemoryStore;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One test's world: a {@link TestClock}, an {@link InMemoryStore} on it, and the engines built on
 * it. After each test it stops the engines and checks the invariants on the store (register with
 * {@code @RegisterExtension}).
 */
final class EngineHarness implements AfterEachCallback {
  final TestClock clock = new TestClock();
  final InMemoryStore store = new InMemoryStore(clock);
  private final List<Engine> engines = new ArrayList<>();
  private final List<Object> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();

  /** An engine on the harness's store and clock, collecting outcomes. */
  Engine engine(Workflow<?>... workflows) {
    return build(builder(store, "worker-" + (engines.size() + 1)), workflows);
  }

  /** A builder on {@code on} (the harness's store, or a wrapper of it) and the harness's clock. */
  Engine.Builder builder(Store on, String workerId) {
    return Engine.builder(on)
        .clock(clock)
        .workerId(workerId)
        .onOutcome((eventId, workflow, instance, outcome) -> outcomes.add(outcome));
  }

  Engine build(Engine.Builder builder, Workflow<?>... workflows) {
    return track(with(builder, workflows).build());
  }

  /** As {@link #build}, an engine run by hand that tells {@code steps} of every step boundary. */
  ManualEngine manual(Engine.Builder builder, StepListener steps, Workflow<?>... workflows) {
    return track(ManualEngine.of(with(builder, workflows), steps, CallTimeouts.NONE));
  }

  private static Engine.Builder with(Engine.Builder builder, Workflow<?>... workflows) {
    for (Workflow<?> w : workflows) {
      builder.workflow(w);
    }
    return builder;
  }

  private <E extends Engine> E track(E engine) {
    engines.add(engine);
    return engine;
  }

  /** Outcomes delivered to the harness's listeners so far, in order. */
  List<Object> outcomes() {
    return List.copyOf(outcomes);
  }

  /**
   * Runs passes of {@code engine}, moving the clock to the next due State task whenever nothing is
   * due, until no State task is open (ToDos are left to the test).
   *
   * @return how many passes ran at least one task
   */
  int settle(Engine engine) {
    int passes = 0;
    for (int i = 0; i < 1000; i++) {
      if (engine.runDueTasks() > 0) {
        passes++;
        continue;
      }
      Optional<Instant> next =
          store.openTasks().stream()
              .filter(t -> !t.todo() && t.dueAt() != null)
              .map(TaskEntry::dueAt)
              .min(Comparator.naturalOrder());
      if (next.isEmpty()) {
        return passes;
      }
      if (next.get().isAfter(clock.instant())) {
        clock.set(next.get());
      }
    }
    throw new AssertionError("no settling after 1000 passes; open: " + store.openTasks());
  }

  /** The decision of {@code taskId}, which must exist. */
  DecisionRecord decision(String taskId) {
    return store
        .decision(taskId)
        .orElseThrow(() -> new AssertionError("no decision for " + taskId));
  }

  /** The open task {@code taskId}, which must exist and be undecided. */
  TaskEntry openTask(String taskId) {
    assertThat(store.decision(taskId)).as("decision of %s", taskId).isEmpty();
    return store.task(taskId).orElseThrow(() -> new AssertionError("no task " + taskId));
  }

  /** Stream entries of {@code kind} for {@code taskId}. */
  long streamCount(String instanceId, String kind) {
    return store.stream(instanceId).stream().filter(e -> e.kind().equals(kind)).count();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    for (Engine e : engines) {
      e.stop(Duration.ofSeconds(5));
    }
    Invariants.check(store);
  }
}
