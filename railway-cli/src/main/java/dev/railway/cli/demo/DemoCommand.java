package dev.railway.cli.demo;

import dev.railway.cli.ExitCode;
import dev.railway.cli.Railway;
import dev.railway.cli.StoreKind;
import dev.railway.cli.StoreOptions;
import dev.railway.cli.amqp.AmqpOptions;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.examples.orders.OrderPlaced;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

  /** First retry delay: a production backoff (seconds to a minute) would make the demo crawl. */
  static final Duration FIRST_RETRY = Duration.ofMillis(100);

  static final Duration HOLD_TTL = Duration.ofSeconds(2);

  @Spec CommandSpec spec;

  @Mixin StoreOptions store;

  @Mixin AmqpOptions amqp;

  @Option(
      names = "--processes",
      defaultValue = "0",
      description = {
        "Run the workflows in K 'railway worker' child processes sharing the PostgreSQL",
        "store (--store postgres); this process only places orders, answers ToDos and checks",
        "the invariants (default: ${DEFAULT-VALUE}: run them in this process)."
      })
  int processes;

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

  @Option(
      names = "--serve",
      description =
          "Serve the console (and the ToDo endpoints) while the demo runs, and keep the engine"
              + " running with it after the orders finish, until SIGTERM (Ctrl-C).")
  boolean serve;

  @Option(
      names = "--port",
      defaultValue = "8080",
      description = "With --serve: the port (0 picks a free one; default: ${DEFAULT-VALUE}).")
  int port;

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
    boolean postgres = store.kind == StoreKind.postgres;
    Path dbFile =
        db != null
            ? db
            : store.url != null && !postgres
                ? store.sqliteFile(null)
                : Path.of(
                    "railway-demo-"
                        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))
                        + ".db");
    Path ledgerFile = Path.of(dbFile + ".ledger");
    if (!postgres && resume && !Files.exists(dbFile)) {
      err.println(
          "railway demo: there is no database at "
              + dbFile
              + " to resume; run without --resume to start one");
      return ExitCode.USAGE;
    }
    if (!postgres && !resume && (Files.exists(dbFile) || Files.exists(ledgerFile))) {
      err.println(
          "railway demo: "
              + dbFile
              + " already holds a demo run; pass --resume to finish it, or choose another --db");
      return ExitCode.USAGE;
    }
    Clock clock = Clock.systemUTC();
    String where =
        postgres ? store.url + " schema " + store.schema : dbFile.toAbsolutePath().toString();
    try (DemoLedger ledger =
            postgres
                ? new DemoLedger(store.url, store.ledgerSchema())
                : new DemoLedger(ledgerFile);
        Store store = this.store.open(clock, dbFile)) {
      if (postgres && ledger.meta("seed").isPresent() != resume) {
        err.println(
            resume
                ? "railway demo: schema " + this.store.schema + " holds no demo run to resume"
                : "railway demo: schema "
                    + this.store.schema
                    + " already holds a demo run; pass --resume to finish it, or choose another"
                    + " --schema");
        return ExitCode.USAGE;
      }
      long runSeed = seedFor(ledger);
      int runOrders = ordersFor(ledger);
      out.printf(
          "railway demo: %d orders, seed %d, fault rate %.2f, database %s%n",
          runOrders, runSeed, faultRate, where);
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
      Workflow<OrderPlaced> workflow = DemoWorkflow.create(ledger, faults, clock);
      Engine engine =
          Engine.builder(store)
              .clock(clock)
              .workflow(workflow)
              .workerId("demo-" + ProcessHandle.current().pid())
              .lease(Duration.ofSeconds(2))
              .pollInterval(Duration.ofMillis(50))
              .build();
      DemoBroker broker = amqp.enabled() ? new DemoBroker(amqp, engine, workflow) : null;
      if (broker != null) {
        out.printf("railway demo: through RabbitMQ at %s: %s%n", amqp.uri, broker.describe());
      }
      DemoAgents agents =
          broker == null
              ? new DemoAgents(engine, runSeed)
              : new DemoAgents(engine, runSeed, broker::sendWebhook);
      dev.railway.http.RailwayServer console =
          serve ? dev.railway.cli.DevConsole.start(engine, "127.0.0.1", port, clock, out) : null;
      List<Process> workers = new ArrayList<>();
      if (processes == 0) {
        engine.startWorkers();
      } else {
        for (int k = 1; k <= processes; k++) {
          workers.add(startWorker(k, runSeed));
        }
        // Ctrl-C or SIGTERM on the demo stops its workers too, instead of leaving them running.
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> workers.forEach(Process::destroy), "demo-workers"));
        out.printf("railway demo: %d worker processes started%n", processes);
      }
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
        if (broker != null) {
          // Through the broker: the trigger intake starts it; a duplicated message starts nothing.
          broker.placeOrder(order);
          if (n % 10 == 3) {
            broker.placeOrder(order);
            duplicates++;
          }
          continue;
        }
        if (engine.trigger(workflow, order) instanceof StartResult.Duplicate) {
          duplicates++;
        }
        if (n % 10 == 3 && engine.trigger(workflow, order) instanceof StartResult.Duplicate) {
          duplicates++; // A duplicated delivery of the same trigger: deduplicated by event id.
        }
      }
      boolean done = runToCompletion(engine, store, agents, runOrders, started, out);
      String brokerSummary = null;
      if (broker != null) {
        brokerSummary = finishBroker(broker, store, runOrders, done && processes == 0);
      }
      if (console == null) {
        engine.stop(Duration.ofSeconds(10));
      }
      stopWorkers(workers, out);
      DemoReport report =
          DemoReport.build(store, ledger, runOrders, resumedAt, HOLD_TTL, clock.millis());
      report.print(out);
      if (processes > 0) {
        out.printf("%nFaults were injected in the worker processes (rate %.2f each).%n", faultRate);
      }
      out.printf(
          "%nInjected faults%s: %d errors, %d lost responses, %d too slow, %d proven nothing done;"
              + " duplicate triggers deduplicated: %d; duplicate webhooks refused: %d of %d%n",
          processes > 0 ? " in this process" : "",
          faults.count(FaultInjector.Fault.ERROR),
          faults.count(FaultInjector.Fault.LOST_RESPONSE),
          faults.count(FaultInjector.Fault.TOO_SLOW),
          faults.count(FaultInjector.Fault.NOTHING_DONE),
          duplicates,
          agents.refused.get(),
          agents.duplicateWebhooks.get());
      if (brokerSummary != null) {
        out.println(brokerSummary);
      }
      boolean brokerOk = brokerSummary == null || !brokerSummary.contains("MISSING");
      done = done && brokerOk;
      out.printf(
          "railway demo: %s in %.1f s%n",
          done && report.allHold() ? "all invariants hold" : "FAILED",
          (System.nanoTime() - started) / 1e9);
      out.flush();
      if (console != null) {
        out.printf(
            "railway demo: the engine keeps running with the console on http://127.0.0.1:%d/;"
                + " stop with SIGTERM (Ctrl-C)%n",
            console.port());
        out.flush();
        java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      console.stop(Duration.ofSeconds(5));
                      engine.stop(Duration.ofSeconds(10));
                      stopped.countDown();
                    },
                    "demo-console-stop"));
        stopped.await();
      }
      return done && report.allHold() ? ExitCode.OK : ExitCode.INVALID;
    }
  }

  /**
   * Waits (bounded) for every outcome to be confirmed by the broker and seen by the outcome
   * consumer, stops the bindings, and says what went through the broker.
   */
  private static String finishBroker(
      DemoBroker broker, Store store, int orders, boolean expectOutcomes) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (expectOutcomes && broker.distinctOutcomes() < orders && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    java.util.Map<String, Integer> refused = new java.util.TreeMap<>();
    broker.takeWebhookDeadLetters(refused);
    long triggerDeadLetters = broker.triggerDeadLetters();
    int distinct = broker.distinctOutcomes();
    int deliveries = broker.outcomeDeliveries();
    broker.close();
    return String.format(
        "%nThrough RabbitMQ: %d instances started from trigger messages (%d dead-lettered);"
            + " webhook commands refused and dead-lettered: %s; outcomes confirmed and consumed:"
            + " %d distinct of %d%s (%d deliveries)",
        store.instances().size(),
        triggerDeadLetters,
        refused.isEmpty() ? "none" : refused,
        distinct,
        orders,
        !expectOutcomes || distinct == orders ? "" : " MISSING " + (orders - distinct),
        deliveries);
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

  /** A {@code railway worker} child on the same store, from the same class path. */
  private Process startWorker(int k, long runSeed) throws java.io.IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        new ArrayList<>(
            List.of(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                Railway.class.getName(),
                "worker",
                "--store",
                "postgres",
                "--url",
                store.url,
                "--schema",
                store.schema,
                "--worker-id",
                "demo-worker-" + k,
                "--fault-rate",
                Double.toString(faultRate),
                "--seed",
                Long.toString(runSeed + k),
                "--lease-ms",
                "2000"));
    return new ProcessBuilder(command).inheritIO().start();
  }

  /** SIGTERM, so each worker stops gracefully; then wait for them. */
  private static void stopWorkers(List<Process> workers, PrintWriter out)
      throws InterruptedException {
    workers.forEach(Process::destroy);
    for (Process p : workers) {
      if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        out.println("railway demo: a worker did not stop in 30 s; killing it");
        p.destroyForcibly();
      }
    }
  }

  private String checkOptions() {
    String problem = store.problem();
    if (problem != null) {
      return problem;
    }
    if (store.kind == StoreKind.memory) {
      return "--store memory is not durable; the demo runs on sqlite or postgres";
    }
    problem = amqp.problem();
    if (problem != null) {
      return problem;
    }
    if (port < 0 || port > 65535) {
      return "--port must be between 0 and 65535; was " + port;
    }
    if (processes < 0) {
      return "--processes must not be negative; was " + processes;
    }
    if (processes > 0 && store.kind != StoreKind.postgres) {
      return "--processes needs --store postgres: a SQLite store belongs to one process; was "
          + processes
          + " with --store "
          + store.kind;
    }
    if (db != null && store.kind == StoreKind.postgres) {
      return "--db names a SQLite file; with --store postgres use --url (and --schema)";
    }
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
