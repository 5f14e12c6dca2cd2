package dev.railway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three engines share one store with no fault at all: each outcome reaches the listeners once, not
 * once per engine. Outbox entries are leased like tasks, so one engine delivers each.
 */
class OutcomeDeliveryOnceTest {
  record Order(String id) {}

  record Done(String id, String ref) {}

  private static final int INSTANCES = 300;

  private final List<Runnable> cleanup = new ArrayList<>();
  @TempDir Path dir;

  @AfterEach
  void cleanUp() {
    cleanup.reversed().forEach(Runnable::run);
  }

  private static Workflow<Order> workflow() {
    return Workflow.builder("once", Order.class)
        .startAt("charge")
        .triggerId(Order::id)
        .task(
            Tasks.idempotent("charge", Order.class, String.class)
                .identifiedBy(o -> "charge-" + o.id())
                .attempt((o, key) -> "ref-" + key)
                .decide((o, ref) -> new Done(o.id(), ref), Done.class)
                .onFault((e, o, id) -> new Done(o.id(), "failed"), Done.class)
                .outcome(Done.class)
                .build())
        .build();
  }

  @Test
  void threeEnginesOnPostgres_deliverEachOutcomeOnce() throws Exception {
    String url = TestPostgres.url();
    String schema = TestPostgres.newSchema("once");
    cleanup.add(() -> TestPostgres.dropSchema(schema));
    runThreeEngines(
        "PostgreSQL",
        () -> {
          PostgresStore store =
              PostgresStore.open(url, PostgresOptions.defaults().withSchema(schema));
          cleanup.add(store::close);
          return store;
        });
  }

  @Test
  void threeEnginesOnOneSqliteStore_deliverEachOutcomeOnce() throws Exception {
    Path file = Files.createDirectories(dir).resolve("once.db");
    SqliteStore store = SqliteStore.open(file, Clock.systemUTC());
    cleanup.add(store::close);
    runThreeEngines("SQLite", () -> store);
  }

  private void runThreeEngines(String what, Supplier<Store> stores) throws Exception {
    Workflow<Order> workflow = workflow();
    Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    CountDownLatch allSeen = new CountDownLatch(INSTANCES);
    List<Engine> engines = new ArrayList<>();
    for (String worker : List.of("worker-a", "worker-b", "worker-c")) {
      Engine engine =
          Engine.builder(stores.get())
              .workerId(worker)
              .workflow(workflow)
              .pollInterval(Duration.ofMillis(50))
              .onOutcome((eventId, wf, instanceId, outcome) -> {
                if (calls.computeIfAbsent(eventId, k -> new AtomicInteger()).incrementAndGet()
                    == 1) {
                  allSeen.countDown();
                }
              })
              .build();
      engines.add(engine);
      cleanup.add(() -> engine.stop(Duration.ofSeconds(5)));
      engine.startWorkers();
    }

    for (int i = 0; i < INSTANCES; i++) {
      engines.get(i % 3).trigger(workflow, new Order("o" + i));
    }
    assertThat(allSeen.await(120, TimeUnit.SECONDS)).as("every outcome delivered").isTrue();
    for (Engine engine : engines) {
      engine.stop(Duration.ofSeconds(10));
    }

    int total = calls.values().stream().mapToInt(AtomicInteger::get).sum();
    System.out.printf(
        "OutcomeDeliveryOnceTest %s: 3 engines, %d outcomes, %d listener calls,"
            + " %.2f per outcome%n",
        what, calls.size(), total, (double) total / calls.size());
    assertThat(calls).hasSize(INSTANCES);
    assertThat(calls)
        .as("listener calls per outcome with no fault")
        .allSatisfy((eventId, n) -> assertThat(n).as(eventId).hasValue(1));
    assertThat(engines.get(0).store().undelivered(10)).isEmpty();
  }
}
