package dev.railway.test;

import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.engine.testing.ManualEngine;
import dev.railway.engine.testing.SettableClock;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.InMemoryStore;
import dev.railway.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * One test's Railway, given by {@link RailwayTest}: a store, a clock that moves only when the test
 * moves it, engines run by hand on them, the outcomes they delivered, and assertions on the path an
 * instance took. Closed after the test.
 */
public final class Railway implements AutoCloseable {
  /** Passes {@link #runUntilIdle()} makes before it says the workflows never settle. */
  private static final int MAX_PASSES = 1000;

  private final SettableClock clock;
  private final Store store;
  private final Path directory;
  private final List<ManualEngine> engines = new ArrayList<>();
  private final List<Object> outcomes = new CopyOnWriteArrayList<>();

  private Railway(SettableClock clock, Store store, Path directory) {
    this.clock = clock;
    this.store = store;
    this.directory = directory;
  }

  static Railway open(RailwayTest.StoreKind kind, String testName) {
    SettableClock clock = new SettableClock();
    if (kind == RailwayTest.StoreKind.SQLITE) {
      try {
        Path dir = Files.createTempDirectory("railway-test-");
        return new Railway(clock, SqliteStore.open(dir.resolve("railway.db"), clock), dir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot make a store directory for " + testName, e);
      }
    }
    return new Railway(clock, new InMemoryStore(clock), null);
  }

  /** The clock of the store and of every engine: move it with {@code advance} or {@code set}. */
  public SettableClock clock() {
    return clock;
  }

  public Store store() {
    return store;
  }

  /** An engine run by hand on this store and clock, running {@code workflows}. */
  public ManualEngine engine(Workflow<?>... workflows) {
    return engine(b -> b, workflows);
  }

  /**
   * As {@link #engine(Workflow[])}, with {@code configure} applied to the builder (chained
   * workflows, an outcome retry, a tracer).
   */
  public ManualEngine engine(UnaryOperator<Engine.Builder> configure, Workflow<?>... workflows) {
    Objects.requireNonNull(configure, "configure");
    Engine.Builder b = Engine.builder(store).clock(clock);
    for (Workflow<?> w : workflows) {
      b.workflow(w);
    }
    b.onOutcome((eventId, workflow, instanceId, outcome) -> outcomes.add(outcome));
    ManualEngine engine = ManualEngine.of(configure.apply(b));
    engines.add(engine);
    return engine;
  }

  /**
   * Runs every engine's due tasks and outcomes until a pass finds nothing due at the current time.
   * The clock does not move: advance it to reach backoffs and deadlines.
   *
   * @return how many tasks ran
   * @throws AssertionError when the workflows are still running after 1,000 passes
   */
  public int runUntilIdle() {
    if (engines.isEmpty()) {
      throw new IllegalStateException("no engine yet: call engine(workflow) first");
    }
    int total = 0;
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      int ran = 0;
      for (ManualEngine e : engines) {
        ran += e.runDueTasks();
        ran += e.deliverOutcomes();
      }
      if (ran == 0) {
        return total;
      }
      total += ran;
    }
    throw new AssertionError(
        "the workflows still had due work after " + MAX_PASSES + " passes at " + clock.instant());
  }

  /** Outcomes delivered to listeners so far, in delivery order (at least once each). */
  public List<Object> outcomes() {
    return List.copyOf(outcomes);
  }

  /** Assertions on the path instance {@code instanceId} took. */
  public InstancePath assertThat(String instanceId) {
    return new InstancePath(store, instanceId);
  }

  @Override
  public void close() {
    for (ManualEngine e : engines) {
      e.stop(Duration.ofSeconds(5));
    }
    store.close();
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete " + directory, e);
      }
    }
  }
}
