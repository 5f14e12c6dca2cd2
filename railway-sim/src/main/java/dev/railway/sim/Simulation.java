package dev.railway.sim;

import dev.railway.definition.Principal;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.InMemoryStore;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;

/**
 * Runs a workflow under seeded schedules: W workers (each an {@link Engine} of its own on one
 * store) whose steps the seed interleaves, with crashes at every step boundary, duplicate tasks and
 * triggers, faulty third parties and pauses, then checks DESIGN.md §6's invariants I1–I6 and L1.
 * The engine's real algorithm classes run; the simulation only decides who moves next and what goes
 * wrong. A run is a function of its seed: rerunning a seed replays the same trace.
 *
 * <pre>{@code
 * SimulationResult result =
 *     Simulation.of(world -> Refunds.workflow(world.paymentProvider()), i -> new RefundAsked("r" + i))
 *         .workers(3)
 *         .seeds(2_000)
 *         .run();
 * result.assertNoViolations(); // or print result.summaryLine()
 * }</pre>
 *
 * <p>Set the system property {@code railway.sim.seed} to run only that seed (to rerun a failure).
 *
 * @param <T> the workflow's trigger type
 */
public final class Simulation<T> {
  /** The system property that narrows every simulation to one seed, to rerun a failure. */
  public static final String SEED_PROPERTY = "railway.sim.seed";

  record Agent(Principal principal, TodoAgent<Object> agent) {}

  final Function<SimulatedWorld, Workflow<T>> workflow;
  final IntFunction<T> trigger;
  int workers = 3;
  int instances = 3;
  long firstSeed = 1;
  int seedCount = 100;
  Set<Fault> faults = Fault.defaults();
  StoreFactory store = InMemoryStore::new;
  boolean sqlite;
  Consumer<Engine.Builder> engine = b -> {};
  final Map<String, Agent> agents = new LinkedHashMap<>();
  int parallelism = Runtime.getRuntime().availableProcessors();
  boolean stopAtFirstFailure;
  Consumer<RunResult> onRun = r -> {};

  private Simulation(Function<SimulatedWorld, Workflow<T>> workflow, IntFunction<T> trigger) {
    this.workflow = Objects.requireNonNull(workflow, "workflow");
    this.trigger = Objects.requireNonNull(trigger, "trigger");
  }

  /**
   * A simulation of the workflow that {@code workflow} builds in each run's world (on that world's
   * simulated third parties), started by {@code trigger.apply(i)} for instance {@code i}. The
   * workflow must declare {@code triggerId(...)}: duplicate deliveries reuse the event id.
   */
  public static <T> Simulation<T> of(
      Function<SimulatedWorld, Workflow<T>> workflow, IntFunction<T> trigger) {
    return new Simulation<>(workflow, trigger);
  }

  /** Concurrent workers (default 3). */
  public Simulation<T> workers(int workers) {
    this.workers = atLeast(workers, 1, "workers");
    return this;
  }

  /** Workflow instances started per run (default 3). */
  public Simulation<T> instances(int instances) {
    this.instances = atLeast(instances, 1, "instances");
    return this;
  }

  /** Runs seeds {@code 1..count} (default 100). */
  public Simulation<T> seeds(int count) {
    return seeds(1, count);
  }

  /** Runs seeds {@code first..first+count-1}. */
  public Simulation<T> seeds(long first, int count) {
    this.firstSeed = first;
    this.seedCount = atLeast(count, 1, "seed count");
    return this;
  }

  /** Runs exactly one seed. */
  public Simulation<T> seed(long seed) {
    return seeds(seed, 1);
  }

  /** The faults to inject (default {@link Fault#defaults()}). */
  public Simulation<T> faults(Set<Fault> faults) {
    this.faults = faults.isEmpty() ? EnumSet.noneOf(Fault.class) : EnumSet.copyOf(faults);
    return this;
  }

  public Simulation<T> faults(Fault... faults) {
    return faults(Set.of(faults));
  }

  /** Runs on a fresh SQLite file per run instead of the in-memory store. */
  public Simulation<T> onSqlite() {
    this.sqlite = true;
    return this;
  }

  /** Runs on stores that {@code store} opens (one fresh store per run). */
  public Simulation<T> store(StoreFactory store) {
    this.store = Objects.requireNonNull(store, "store");
    this.sqlite = false;
    return this;
  }

  /**
   * Adjusts each worker's engine builder (after the simulation's own settings: clock, worker id,
   * step listener, synchronous commits, untimed calls, lease).
   */
  public Simulation<T> engine(Consumer<Engine.Builder> customize) {
    this.engine = Objects.requireNonNull(customize, "engine");
    return this;
  }

  /**
   * Lets {@code agent}, acting as {@code principal}, answer open ToDos of task {@code todoTask}.
   */
  @SuppressWarnings("unchecked")
  public <M> Simulation<T> answer(String todoTask, Principal principal, TodoAgent<M> agent) {
    agents.put(
        Objects.requireNonNull(todoTask, "todoTask"),
        new Agent(Objects.requireNonNull(principal, "principal"), (TodoAgent<Object>) agent));
    return this;
  }

  /** How many runs go at once (default: the number of processors); each run is sequential. */
  public Simulation<T> parallelism(int threads) {
    this.parallelism = atLeast(threads, 1, "parallelism");
    return this;
  }

  /**
   * Stops after the first failing seed (runs already going finish): for hunting a bug rather than
   * counting failures. Results then hold the seeds run so far, in order.
   */
  public Simulation<T> stopAtFirstFailure() {
    this.stopAtFirstFailure = true;
    return this;
  }

  /**
   * Calls {@code listener} with each run's result as the runs finish, in seed order, on the thread
   * that called {@link #run()}: to show progress on long simulations.
   */
  public Simulation<T> onRun(Consumer<RunResult> listener) {
    this.onRun = Objects.requireNonNull(listener, "listener");
    return this;
  }

  /** Runs one seed. */
  public RunResult run(long seed) {
    return new SimulationRun(this, seed).execute();
  }

  /**
   * Runs every seed (or only the one named by the {@value #SEED_PROPERTY} system property) and
   * checks the invariants after each.
   */
  public SimulationResult run() {
    List<Long> seeds = new ArrayList<>();
    String only = System.getProperty(SEED_PROPERTY);
    if (only != null && !only.isBlank()) {
      seeds.add(parseSeed(only));
    } else {
      for (int i = 0; i < seedCount; i++) {
        seeds.add(firstSeed + i);
      }
    }
    List<RunResult> results = new ArrayList<>();
    // Seeds go in chunks so that stopAtFirstFailure stops soon; each chunk runs in parallel.
    int chunk = stopAtFirstFailure ? parallelism * 4 : seeds.size();
    try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
      for (int from = 0; from < seeds.size(); from += chunk) {
        List<Future<RunResult>> futures = new ArrayList<>();
        for (long s : seeds.subList(from, Math.min(seeds.size(), from + chunk))) {
          futures.add(pool.submit(() -> run(s)));
        }
        for (Future<RunResult> f : futures) {
          RunResult r = f.get();
          results.add(r);
          onRun.accept(r);
        }
        if (stopAtFirstFailure && results.stream().anyMatch(RunResult::failed)) {
          break;
        }
      }
      return new SimulationResult(results);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while simulating", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a simulation run failed: " + e.getCause(), e.getCause());
    }
  }

  private static long parseSeed(String value) {
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          SEED_PROPERTY + " must be a whole number; was '" + value + "'", e);
    }
  }

  private static int atLeast(int value, int min, String name) {
    if (value < min) {
      throw new IllegalArgumentException(name + " must be at least " + min + "; was " + value);
    }
    return value;
  }
}
