package dev.railway.cli.worker;

import dev.railway.amqp.AmqpBindings;
import dev.railway.cli.ExitCode;
import dev.railway.cli.StoreKind;
import dev.railway.cli.StoreOptions;
import dev.railway.cli.amqp.AmqpOptions;
import dev.railway.cli.bench.BenchWorkflows;
import dev.railway.cli.bench.FaultyThirdParties;
import dev.railway.cli.bench.JdbcThirdParties;
import dev.railway.cli.demo.DemoLedger;
import dev.railway.cli.demo.DemoWorkflow;
import dev.railway.cli.demo.FaultInjector;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.engine.OutcomeListener;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code railway worker}: one worker process running the example workflows on a shared store until
 * it is told to stop (SIGTERM or Ctrl-C: in-flight attempts get {@code --stop-grace} to finish).
 * The simulated third parties keep their ledger in the same database, so any number of workers
 * share them, and a killed worker's work is picked up by the others once its leases expire.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a worker for the example workflows (the order workflow of 'railway demo' and the",
      "bench workflows) until SIGTERM. Start several on one PostgreSQL database: they share the",
      "work, and the simulated third parties' ledger lives in the same database."
    })
public final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Mixin AmqpOptions amqp;

  @Option(
      names = "--worker-id",
      description = "Names this worker in leases and locks (default: worker-<pid>).")
  String workerId;

  @Option(
      names = "--fault-rate",
      defaultValue = "0",
      description =
          "Chance that a simulated third-party call goes wrong (default: ${DEFAULT-VALUE}).")
  double faultRate;

  @Option(
      names = "--seed",
      defaultValue = "42",
      description = "Seed of the injected faults (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--concurrency",
      defaultValue = "0",
      description = {
        "Most attempts running at once; 0 (the default) lets the engine derive it from what",
        "the store serves at once (16 per pooled connection). Lock-based tasks make store",
        "calls during their attempt, so keep it within what the store's pool serves before",
        "the locks' time to live runs out."
      })
  int concurrency;

  @Option(
      names = "--lease-ms",
      defaultValue = "3000",
      description =
          "Lease on claimed tasks: how soon a dead worker's tasks are taken over"
              + " (default: ${DEFAULT-VALUE}).")
  int leaseMs;

  @Option(
      names = "--call-ms",
      defaultValue = "0",
      description =
          "Latency of every third-party call: a slow provider (default: ${DEFAULT-VALUE}).")
  int callMs;

  @Option(
      names = "--deliveries",
      description =
          "Appends the event id of every outcome this worker's listener receives to FILE, one per"
              + " line: to count deliveries per outcome across workers.")
  Path deliveries;

  @Option(
      names = "--stop-grace-ms",
      defaultValue = "10000",
      description =
          "On SIGTERM, how long in-flight attempts may finish (default: ${DEFAULT-VALUE}).")
  int stopGraceMs;

  private static final Duration MAX_OPEN_BACKOFF = Duration.ofSeconds(2);

  /** One line per listener call, written at once, so that a SIGKILL loses none already made. */
  private OutcomeListener deliveryLog() {
    if (deliveries == null) {
      return (eventId, workflow, instanceId, outcome) -> {};
    }
    return (eventId, workflow, instanceId, outcome) -> {
      try {
        Files.writeString(
            deliveries, eventId + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  @Override
  public Integer call() throws InterruptedException {
    quietExpectedWarnings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = checkOptions();
    if (problem != null) {
      err.println("railway worker: " + problem);
      err.flush();
      return ExitCode.USAGE;
    }
    String id = workerId != null ? workerId : "worker-" + ProcessHandle.current().pid();
    Clock clock = Clock.systemUTC();
    Store shared = openWaiting(id, clock, out);
    JdbcThirdParties ledger =
        new JdbcThirdParties(store.jdbcUrl(), store.ledgerSchema(), clock, BenchWorkflows.HOLD_TTL);
    FaultInjector faults = new FaultInjector(seed ^ id.hashCode(), faultRate);
    DemoLedger demoLedger = new DemoLedger(store.jdbcUrl(), store.ledgerSchema());
    List<Workflow<?>> workflows =
        WorkerWorkflows.all(
            new FaultyThirdParties(
                ledger,
                faults,
                BenchWorkflows.ATTEMPT_TIMEOUT.multipliedBy(2),
                Duration.ofMillis(callMs)),
            DemoWorkflow.create(demoLedger, faults, clock));
    Engine.Builder builder = Engine.builder(shared).clock(clock);
    workflows.forEach(builder::workflow);
    builder
        .workerId(id)
        .lease(Duration.ofMillis(leaseMs))
        .batchSize(concurrency == 0 ? 64 : Math.min(concurrency, 64))
        .pollInterval(Duration.ofMillis(50))
        .onOutcome(deliveryLog());
    if (concurrency > 0) {
      builder.maxInFlight(concurrency);
    }
    Engine engine = builder.build();
    AmqpBindings bindings = amqp.enabled() ? amqp.start(engine, id, workflows) : null;
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (bindings != null) {
                    bindings.close(); // first: messages in hand are acknowledged before the stop
                  }
                  boolean clean = engine.stop(Duration.ofMillis(stopGraceMs));
                  shared.close();
                  ledger.close();
                  demoLedger.close();
                  out.printf("railway worker %s: stopped%s%n", id, clean ? "" : " (attempts cut)");
                  out.flush();
                  stopped.countDown();
                },
                "railway-worker-stop"));
    engine.startWorkers();
    out.printf(
        "railway worker %s: running on %s%s; stop with SIGTERM%n",
        id,
        store.kind,
        bindings == null ? "" : ", bindings on " + amqp.uri + " (prefix " + amqp.prefix + ")");
    out.flush();
    stopped.await();
    return ExitCode.OK;
  }

  /**
   * Opens the store, waiting while the database is unavailable: a worker started during an outage
   * says so once and starts when the database answers, rather than failing or hanging silently.
   */
  private Store openWaiting(String id, Clock clock, PrintWriter out) throws InterruptedException {
    Duration backoff = Duration.ofMillis(250);
    long since = System.nanoTime();
    boolean said = false;
    while (true) {
      try {
        Store opened = store.open(clock, null);
        if (said) {
          out.printf(
              "railway worker %s: store reachable after %d s; starting%n",
              id, Duration.ofNanos(System.nanoTime() - since).toSeconds());
          out.flush();
        }
        return opened;
      } catch (StoreUnavailableException e) {
        if (!said) {
          out.printf(
              "railway worker %s: store unavailable, waiting for it (retrying every %s at most):"
                  + " %s%n",
              id, MAX_OPEN_BACKOFF, e.getMessage());
          out.flush();
          said = true;
        }
        Thread.sleep(backoff);
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_OPEN_BACKOFF) > 0
                ? MAX_OPEN_BACKOFF
                : backoff.multipliedBy(2);
      }
    }
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
    if (store.kind == StoreKind.memory) {
      return "--store memory cannot be shared with other workers; use postgres (or sqlite)";
    }
    if (store.kind == StoreKind.sqlite && store.url == null) {
      return "--store sqlite needs --url FILE: the file the workers share";
    }
    if (!(faultRate >= 0 && faultRate <= 0.5)) {
      return "--fault-rate must be between 0 and 0.5; was " + faultRate;
    }
    if (concurrency < 0) {
      return "--concurrency must not be negative; was " + concurrency;
    }
    if (callMs < 0) {
      return "--call-ms must not be negative; was " + callMs;
    }
    if (leaseMs < 1) {
      return "--lease-ms must be at least 1; was " + leaseMs;
    }
    if (stopGraceMs < 0) {
      return "--stop-grace-ms must not be negative; was " + stopGraceMs;
    }
    if (workerId != null && workerId.isBlank()) {
      return "--worker-id must not be blank; was '" + workerId + "'";
    }
    return null;
  }

  /**
   * Injected faults make the engine warn on purpose; only errors are worth printing, and the
   * engine's own summaries: its state changes (store away, store back, instances resumed) and its
   * periodic summary, one line each.
   */
  private static void quietExpectedWarnings() {
    String key = "org.slf4j.simpleLogger.log.dev.railway";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "error");
      System.setProperty(key + ".engine.Engine", "info");
      System.setProperty(key + ".engine.WorkerLoop", "info");
      System.setProperty(key + ".engine.StoreWatch", "info");
    }
  }
}
