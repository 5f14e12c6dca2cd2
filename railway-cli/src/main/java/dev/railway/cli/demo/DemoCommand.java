package dev.railway.cli.demo;

import dev.railway.cli.ExitCode;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.examples.orders.OrderCreation;
import dev.railway.examples.orders.OrderPlaced;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.InstanceRecord;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code railway demo}: the paper's order-creation workflow against simulated third parties with
 * injected faults, on a SQLite file, ending with the invariants checked against the third parties'
 * own ledgers.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the order-creation workflow for N orders against simulated third parties (stock,",
      "invoicing, payments with a webhook, fulfilment, e-mail, customers and a support agent)",
      "with injected errors, timeouts, lost responses and duplicate deliveries, on a SQLite file.",
      "Ends with outcomes, per-task attempts and faults, and invariants I1-I6 checked against the",
      "third parties' own ledgers; exits 1 if any fails. Kill it (even with kill -9) and run it",
      "again with --resume to finish what is left."
    })
public final class DemoCommand implements Callable<Integer> {
  /** Attempt timeout in the demo: short, so injected slow responses cost little wall time. */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(400);

  static final Duration LOCK_GRACE = Duration.ofMillis(200);
  static final Duration HOLD_TTL = Duration.ofSeconds(2);

  @Spec CommandSpec spec;

  @Option(
      names = "--orders",
      defaultValue = "50",
      description = "How many orders (default: ${DEFAULT-VALUE}).")
  int orders;

  @Option(
      names = "--db",
      description = "SQLite file (default: a new file in the current directory, printed at start).")
  Path db;

  @Option(
      names = "--resume",
      description = "Reopen an existing --db (e.g. after kill -9) and finish what is left.")
  boolean resume;

  @Option(
      names = "--seed",
      description = "Seed for orders, faults and answers (default: 42; --resume reuses the run's).")
  Long seed;

  @Option(
      names = "--fault-rate",
      defaultValue = "0.1",
      description = "Chance that a third-party call goes wrong (default: ${DEFAULT-VALUE}).")
  double faultRate;

  @Option(
      names = "--max-seconds",
      defaultValue = "300",
      description = "Give up (exit 1) after this long (default: ${DEFAULT-VALUE}).")
  int maxSeconds;

  @Override
  public Integer call() throws Exception {
    quietExpectedWarnings();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String problem = checkOptions();
    if (problem != null) {
      err.println("railway demo: " + problem);
      return ExitCode.USAGE;
    }
    Path dbFile =
        db != null
            ? db
            : Path.of(
                "railway-demo-"
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                    + ".db");
    Path ledgerFile = Path.of(dbFile + ".ledger");
    if (resume && !Files.exists(dbFile)) {
      err.println(
          "railway demo: there is no database at "
              + dbFile
              + " to resume; run without --resume to start one");
      return ExitCode.USAGE;
    }
    if (!resume && (Files.exists(dbFile) || Files.exists(ledgerFile))) {
      err.println(
          "railway demo: "
              + dbFile
              + " already holds a demo run; pass --resume to finish it, or choose another --db");
      return ExitCode.USAGE;
    }
    Clock clock = Clock.systemUTC();
    try (DemoLedger ledger = new DemoLedger(ledgerFile);
        Store store = SqliteStore.open(dbFile, clock)) {
      long runSeed = seedFor(ledger);
      int runOrders = ordersFor(ledger);
      out.printf(
          "railway demo: %d orders, seed %d, fault rate %.2f, database %s%n",
          runOrders, runSeed, faultRate, dbFile.toAbsolutePath());
      long resumedAt = 0;
      if (resume) {
        long unfinished = store.instances().stream().filter(i -> !i.finished()).count();
        long total = store.instances().size();
        resumedAt = clock.millis();
        out.printf(
            "railway demo: resumed %d unfinished instance(s) of %d started; %d order(s) not yet started%n",
            unfinished, total, Math.max(0, runOrders - total));
      }
      out.flush();
      FaultInjector faults = new FaultInjector(runSeed, faultRate);
      SimulatedThirdParties thirdParties =
          new SimulatedThirdParties(
              ledger, faults, ATTEMPT_TIMEOUT.multipliedBy(3), HOLD_TTL, clock);
      Workflow<OrderPlaced> workflow =
          OrderCreation.workflow(
              thirdParties.services(), new OrderCreation.Timings(ATTEMPT_TIMEOUT, LOCK_GRACE));
      Engine engine =
          Engine.builder(store)
              .clock(clock)
              .workflow(workflow)
              .workerId("demo-" + ProcessHandle.current().pid())
              .lease(Duration.ofSeconds(2))
              .pollInterval(Duration.ofMillis(50))
              .build();
      DemoAgents agents = new DemoAgents(engine, runSeed);
      engine.startWorkers();
      long started = System.nanoTime();
      int duplicates = 0;
      long nextProgress = System.nanoTime() + 1_000_000_000L;
      for (int n = 0; n < runOrders; n++) {
        if (System.nanoTime() >= nextProgress) {
          out.printf(
              "demo: %5.1fs  orders placed %d/%d%n",
              (System.nanoTime() - started) / 1e9, n, runOrders);
          out.flush();
          nextProgress = System.nanoTime() + 1_000_000_000L;
        }
        OrderPlaced order = DemoOrders.order(runSeed, n);
        if (engine.trigger(workflow, order) instanceof StartResult.Duplicate) {
          duplicates++;
        }
        if (n % 10 == 3 && engine.trigger(workflow, order) instanceof StartResult.Duplicate) {
          duplicates++; // A duplicated delivery of the same trigger: deduplicated by event id.
        }
      }
      boolean done = runToCompletion(engine, store, agents, runOrders, started, out);
      engine.stop(Duration.ofSeconds(10));
      DemoReport report =
          DemoReport.build(store, ledger, runOrders, resumedAt, HOLD_TTL, clock.millis());
      report.print(out);
      out.printf(
          "%nInjected faults: %d errors, %d lost responses, %d too slow, %d proven nothing done;"
              + " duplicate triggers deduplicated: %d; duplicate webhooks refused: %d of %d%n",
          faults.count(FaultInjector.Fault.ERROR),
          faults.count(FaultInjector.Fault.LOST_RESPONSE),
          faults.count(FaultInjector.Fault.TOO_SLOW),
          faults.count(FaultInjector.Fault.NOTHING_DONE),
          duplicates,
          agents.refused.get(),
          agents.duplicateWebhooks.get());
      out.printf(
          "railway demo: %s in %.1f s%n",
          done && report.allHold() ? "all invariants hold" : "FAILED",
          (System.nanoTime() - started) / 1e9);
      out.flush();
      return done && report.allHold() ? ExitCode.OK : ExitCode.INVALID;
    }
  }

  /**
   * The demo injects faults on purpose, so the engine's warnings about them (a failed undo of a
   * losing hold, say) are expected noise between the progress lines. Unless the user asked for a
   * level, only errors are logged.
   */
  private static void quietExpectedWarnings() {
    String key = "org.slf4j.simpleLogger.log.dev.railway";
    if (System.getProperty(key) == null) {
      System.setProperty(key, "error");
    }
  }

  private String checkOptions() {
    if (orders < 1) {
      return "--orders must be at least 1; was " + orders;
    }
    if (!(faultRate >= 0 && faultRate <= 0.5)) {
      return "--fault-rate must be between 0 and 0.5; was " + faultRate;
    }
    if (maxSeconds < 1) {
      return "--max-seconds must be at least 1; was " + maxSeconds;
    }
    return null;
  }

  /** A resumed run keeps its seed and order count, so it re-delivers exactly the same orders. */
  private long seedFor(DemoLedger ledger) {
    String stored = ledger.meta("seed").orElse(null);
    if (stored != null) {
      return Long.parseLong(stored);
    }
    long s = seed != null ? seed : 42L;
    ledger.putMeta("seed", Long.toString(s));
    return s;
  }

  private int ordersFor(DemoLedger ledger) {
    String stored = ledger.meta("orders").orElse(null);
    if (stored != null) {
      return Integer.parseInt(stored);
    }
    ledger.putMeta("orders", Integer.toString(orders));
    return orders;
  }

  private boolean runToCompletion(
      Engine engine, Store store, DemoAgents agents, int total, long started, PrintWriter out)
      throws InterruptedException {
    long deadline = started + Duration.ofSeconds(maxSeconds).toNanos();
    long nextProgress = System.nanoTime();
    while (true) {
      agents.answerOpenTodos();
      long finished = store.instances().stream().filter(InstanceRecord::finished).count();
      if (System.nanoTime() >= nextProgress || finished == total) {
        int waiting = store.openTasks().stream().filter(t -> t.todo()).toList().size();
        out.printf(
            "demo: %5.1fs  finished %d/%d  waiting in ToDos %d  ToDos answered %d%n",
            (System.nanoTime() - started) / 1e9, finished, total, waiting, agents.answered.get());
        out.flush();
        nextProgress = System.nanoTime() + 1_000_000_000L;
      }
      if (finished == total) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        out.printf(
            "railway demo: gave up after %d s with %d of %d instances unfinished%n",
            maxSeconds, total - finished, total);
        return false;
      }
      Thread.sleep(50);
    }
  }
}
