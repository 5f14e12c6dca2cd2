package dev.railway.cli.bench;

import dev.railway.cli.ExitCode;
import dev.railway.cli.StoreKind;
import dev.railway.cli.StoreOptions;
import dev.railway.cli.amqp.AmqpOptions;
import dev.railway.cli.bench.BenchEvents.Started;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code railway bench}: starts N instances of a bench workflow on a store and measures throughput,
 * trigger-to-outcome latency and store commits per workflow. A benchmark, not a test: it prints
 * numbers, it asserts none (it fails only when instances do not finish).
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Measures the engine on a store: starts N workflows and waits for their outcomes.",
      "  noop    one Idempotent task that does nothing, then the outcome",
      "  fanout  one Idempotent task waiting --call-ms on a simulated third party",
      "  mixed   charge (Idempotent), reserve (OptimisticLock), invoice (PessimisticLock),",
      "          ship (BlackBoxed), against in-memory simulated third parties",
      "The last line reads: bench: store=S scenario=X workflows=N seconds=T throughput=R/s",
      "p50_ms=A p99_ms=B commits_per_workflow=C (write transactions asked of the store)."
    })
public final class BenchCommand implements Callable<Integer> {
  /** Triggers per {@code triggerAll} call, like one poll of a message consumer. */
  static final int TRIGGER_BATCH = 500;

  /** Concurrent triggering threads, like consumers of as many partitions. */
  static final int TRIGGER_THREADS = 4;

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Mixin AmqpOptions amqp;

  @Option(
      names = "--scenario",
      defaultValue = "noop",
      description = "noop, fanout or mixed (default: ${DEFAULT-VALUE}).")
  Scenario scenario;

  @Option(
      names = "--workflows",
      defaultValue = "10000",
      description = "How many instances (default: ${DEFAULT-VALUE}).")
  int workflows;

  @Option(
      names = "--concurrency",
      defaultValue = "10000",
      description =
          "Most attempts running at once, on virtual threads (default: ${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--call-ms",
      defaultValue = "200",
      description = "fanout: how long the third party takes (default: ${DEFAULT-VALUE}).")
  int callMs;

  @Option(
      names = "--fault-rate",
      defaultValue = "0",
      description = "mixed: chance that a third-party call goes wrong (default: ${DEFAULT-VALUE}).")
  double faultRate;

  @Option(
      names = "--max-seconds",
      defaultValue = "600",
      description = "Give up (exit 1) after this long (default: ${DEFAULT-VALUE}).")
  int maxSeconds;

  @Override
  public Integer call() throws Exception {
    quietEngineLogs();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = checkOptions();
    if (problem != null) {
      err.println("railway bench: " + problem);
      err.flush();
      return ExitCode.USAGE;
    }
    Clock clock = Clock.systemUTC();
    Path scratch = null;
    if (store.kind == StoreKind.sqlite && store.url == null) {
      scratch = Files.createTempDirectory("railway-bench");
    }
    Path file = scratch == null ? null : scratch.resolve("bench.db");
    try (CountingStore counted = new CountingStore(store.open(clock, file))) {
      return run(counted, clock, out);
    } finally {
      if (scratch != null) {
        deleteScratch(scratch);
      }
    }
  }

  private int run(CountingStore counted, Clock clock, PrintWriter out) throws Exception {
    Workflow<Started> workflow =
        switch (scenario) {
          case noop -> BenchWorkflows.noop();
          case fanout -> BenchWorkflows.fanout(Duration.ofMillis(callMs));
          case mixed ->
              BenchWorkflows.mixed(
                  new FaultyThirdParties(
                      new MemoryThirdParties(clock, BenchWorkflows.HOLD_TTL),
                      new dev.railway.cli.demo.FaultInjector(42, faultRate),
                      BenchWorkflows.ATTEMPT_TIMEOUT.multipliedBy(2)));
        };
    Latencies latencies = new Latencies(workflows);
    Engine engine =
        Engine.builder(counted)
            .clock(clock)
            .workflow(workflow)
            .workerId("bench-" + ProcessHandle.current().pid())
            .maxInFlight(concurrency)
            .batchSize(Math.min(concurrency, 512))
            .commitBatch(512)
            .pollInterval(Duration.ofMillis(20))
            .onOutcome((eventId, wf, instanceId, outcome) -> latencies.finished(instanceId))
            .build();
    String run = Long.toString(System.currentTimeMillis(), 36);
    out.printf(
        Locale.ROOT,
        "bench: %s on %s, %d workflows, concurrency %d%n",
        scenario,
        store.kind,
        workflows,
        concurrency);
    out.flush();
    AmqpBenchFeed feed = amqp.enabled() ? new AmqpBenchFeed(amqp, engine, workflow, run) : null;
    engine.startWorkers();
    long began = System.nanoTime();
    long nextProgress = began + 1_000_000_000L;
    // Triggers arrive in batches of TRIGGER_BATCH, as from a message consumer's poll, from
    // TRIGGER_THREADS consumers at once (partitions of a topic, say).
    List<Started> all = new ArrayList<>(workflows);
    for (int n = 0; n < workflows; n++) {
      all.add(new Started(run + "-" + n));
    }
    java.util.concurrent.atomic.AtomicInteger nextBatch =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger triggered =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Thread> consumers = new ArrayList<>();
    if (feed != null) {
      // Through the broker: one publisher, the trigger intake consumes and starts.
      consumers.add(
          Thread.ofVirtual()
              .start(() -> {
                try {
                  feed.publish(all, latencies, workflow.name());
                  triggered.set(workflows);
                } catch (Exception e) {
                  out.println("bench: publishing the triggers failed: " + e);
                }
              }));
    }
    for (int t = 0; feed == null && t < TRIGGER_THREADS; t++) {
      consumers.add(
          Thread.ofVirtual()
              .start(() -> {
                for (int from = nextBatch.getAndAdd(TRIGGER_BATCH);
                    from < workflows;
                    from = nextBatch.getAndAdd(TRIGGER_BATCH)) {
                  List<Started> batch =
                      all.subList(from, Math.min(workflows, from + TRIGGER_BATCH));
                  batch.forEach(s -> latencies.triggered(workflow.name() + ":" + s.id()));
                  engine.triggerAll(workflow, batch);
                  triggered.addAndGet(batch.size());
                }
              }));
    }
    for (Thread consumer : consumers) {
      while (consumer.isAlive()) {
        consumer.join(100);
        if (System.nanoTime() >= nextProgress) {
          progress(out, began, triggered.get(), latencies);
          nextProgress = System.nanoTime() + 1_000_000_000L;
        }
      }
    }
    long deadline = began + Duration.ofSeconds(maxSeconds).toNanos();
    while (latencies.finished() < workflows && System.nanoTime() < deadline) {
      Thread.sleep(10);
      if (System.nanoTime() >= nextProgress) {
        progress(out, began, workflows, latencies);
        nextProgress = System.nanoTime() + 1_000_000_000L;
      }
    }
    boolean allFinished = latencies.finished() >= workflows;
    long end = allFinished ? latencies.lastOutcomeAt() : System.nanoTime();
    long writes = counted.writes.sum();
    if (feed != null) {
      feed.close();
    }
    engine.stop(Duration.ofSeconds(10));
    double seconds = (end - began) / 1e9;
    if (!allFinished) {
      out.printf(
          Locale.ROOT,
          "bench: gave up after %d s: %d of %d finished%n",
          maxSeconds,
          latencies.finished(),
          workflows);
    }
    out.printf(
        Locale.ROOT,
        "bench: store=%s scenario=%s%s workflows=%d seconds=%.2f throughput=%.0f/s p50_ms=%.1f"
            + " p99_ms=%.1f commits_per_workflow=%.2f%n",
        store.kind,
        scenario,
        feed != null ? " via=amqp" : "",
        workflows,
        seconds,
        latencies.finished() / seconds,
        latencies.percentileMs(50),
        latencies.percentileMs(99),
        writes / (double) workflows);
    out.flush();
    return allFinished ? ExitCode.OK : ExitCode.INVALID;
  }

  private static void progress(PrintWriter out, long began, int triggered, Latencies latencies) {
    out.printf(
        Locale.ROOT,
        "bench: %5.1fs  triggered %d  finished %d  heap used %d MB%n",
        (System.nanoTime() - began) / 1e9,
        triggered,
        latencies.finished(),
        (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    out.flush();
  }

  private String checkOptions() {
    String problem = store.problem();
    if (problem != null) {
      return problem;
    }
    problem = amqp.problem();
    if (problem != null) {
      return problem;
    }
    if (workflows < 1) {
      return "--workflows must be at least 1; was " + workflows;
    }
    if (concurrency < 1) {
      return "--concurrency must be at least 1; was " + concurrency;
    }
    if (callMs < 0) {
      return "--call-ms must not be negative; was " + callMs;
    }
    if (!(faultRate >= 0 && faultRate <= 0.5)) {
      return "--fault-rate must be between 0 and 0.5; was " + faultRate;
    }
    if (maxSeconds < 1) {
      return "--max-seconds must be at least 1; was " + maxSeconds;
    }
    return null;
  }

  /** Injected faults make the engine warn on purpose; only errors are worth printing here. */
  private static void quietEngineLogs() {
    String key = "org.slf4j.simpleLogger.log.dev.railway";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "error");
    }
  }

  private static void deleteScratch(Path dir) {
    try (var files = Files.list(dir)) {
      for (Path f : files.toList()) {
        Files.deleteIfExists(f);
      }
      Files.deleteIfExists(dir);
    } catch (java.io.IOException e) {
      // A leftover scratch file in the temp directory is harmless.
    }
  }
}
