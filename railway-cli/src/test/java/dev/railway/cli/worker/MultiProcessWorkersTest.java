package dev.railway.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.cli.StoreKind;
import dev.railway.cli.StoreOptions;
import dev.railway.cli.bench.BenchEvents.Started;
import dev.railway.cli.bench.BenchWorkflows;
import dev.railway.cli.bench.JdbcThirdParties;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.InstanceRecord;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code railway worker} JVMs on one PostgreSQL database run 5,000 instances of the mixed
 * workflow (one task of each integration kind) against faulty simulated third parties; one worker
 * is killed with SIGKILL mid-run and restarted. Afterwards every instance has finished and I1-I6
 * hold against the third parties' own ledger. Needs {@value #ENV}; skipped loudly without it.
 */
class MultiProcessWorkersTest {
  static final String ENV = "RAILWAY_TEST_POSTGRES_URL";
  static final int INSTANCES = 5_000;
  static final int WORKERS = 3;
  static final double FAULT_RATE = 0.05;
  static final Duration ALL_FINISHED_WITHIN = Duration.ofSeconds(150);

  @TempDir Path logs;

  private String url;
  private String schema;
  private final List<Process> workers = new ArrayList<>();

  @BeforeEach
  void server() {
    url = System.getenv(ENV);
    if (url == null || url.isBlank()) {
      String message =
          "multi-process worker test SKIPPED: set "
              + ENV
              + "='jdbc:postgresql://127.0.0.1:5432/test?user=postgres' to run it (CI always sets"
              + " it)";
      System.err.println("WARNING: " + message);
      Assumptions.abort(message);
    }
    schema = "rwtest_workers_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : workers) {
      p.destroyForcibly();
    }
    if (schema != null && url != null) {
      try (Connection c = DriverManager.getConnection(url);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("DROP SCHEMA IF EXISTS " + schema + "_sim CASCADE");
      }
    }
  }

  @Test
  void threeWorkersOneKilledAndRestartedKeepEveryInvariant() throws Exception {
    long seed = Long.getLong("railway.test.seed", System.nanoTime());
    System.out.println(
        "multi-process test: seed " + seed + " (rerun: -Drailway.test.seed=" + seed + ")");
    StoreOptions options = new StoreOptions();
    options.kind = StoreKind.postgres;
    options.url = url;
    options.schema = schema;
    Clock clock = Clock.systemUTC();
    try (Store store = options.open(clock, null);
        JdbcThirdParties ledger =
            new JdbcThirdParties(url, options.ledgerSchema(), clock, BenchWorkflows.HOLD_TTL)) {
      // The test process only triggers and checks: it never starts the engine's workers.
      Engine trigger =
          WorkerWorkflows.register(Engine.builder(store).clock(clock), ledger, null)
              .workerId("test-trigger")
              .build();
      for (int w = 1; w <= WORKERS; w++) {
        workers.add(startWorker(w, seed));
      }
      Workflow<Started> mixed = BenchWorkflows.mixed(ledger);
      List<Started> triggers = new ArrayList<>();
      for (int n = 0; n < INSTANCES; n++) {
        triggers.add(new Started("mp-" + n));
      }
      for (int from = 0; from < INSTANCES; from += 500) {
        List<StartResult> started =
            trigger.triggerAll(mixed, triggers.subList(from, Math.min(INSTANCES, from + 500)));
        assertThat(started).allMatch(r -> r instanceof StartResult.Started);
      }
      trigger.stop(Duration.ofSeconds(5));

      long deadline = System.nanoTime() + ALL_FINISHED_WITHIN.toNanos();
      awaitFinished(store, INSTANCES * 3 / 10, deadline);
      Process victim = workers.get(1);
      victim.destroyForcibly(); // SIGKILL: no shutdown hook, in-flight attempts cut mid-call.
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).as("killed worker exited").isTrue();
      System.out.println("multi-process test: killed worker 2 (exit " + victim.exitValue() + ")");
      workers.set(1, startWorker(2, seed + 1));
      int finished = awaitFinished(store, INSTANCES, deadline);
      assertThat(finished)
          .as("finished instances within %s; worker logs in %s", ALL_FINISHED_WITHIN, logs)
          .isEqualTo(INSTANCES);
      for (Process p : workers) {
        p.destroy(); // SIGTERM: graceful stop.
      }
      for (Process p : workers) {
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("worker stopped on SIGTERM").isTrue();
      }
      MixedInvariants.check(store, ledger.counts(), INSTANCES, "multi-process test");
    }
  }

  private Process startWorker(int n, long seed) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    String classpath = System.getProperty("java.class.path");
    Path log = logs.resolve("worker-" + n + "-" + System.nanoTime() + ".log");
    List<String> command =
        List.of(
            java,
            "-cp",
            classpath,
            "dev.railway.cli.Railway",
            "worker",
            "--store",
            "postgres",
            "--url",
            url,
            "--schema",
            schema,
            "--pool-size",
            "4",
            "--worker-id",
            "w" + n,
            "--fault-rate",
            Double.toString(FAULT_RATE),
            "--seed",
            Long.toString(seed),
            "--concurrency",
            "32",
            "--lease-ms",
            "2000");
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  private int awaitFinished(Store store, int atLeast, long deadline) throws Exception {
    int finished = 0;
    while (System.nanoTime() < deadline) {
      finished = (int) store.instances().stream().filter(InstanceRecord::finished).count();
      if (finished >= atLeast) {
        return finished;
      }
      for (Process p : workers) {
        if (!p.isAlive()) {
          throw new AssertionError(
              "a worker died on its own (exit " + p.exitValue() + "):\n" + tails());
        }
      }
      Thread.sleep(250);
    }
    System.out.println(tails());
    return finished;
  }

  private String tails() throws IOException {
    StringBuilder all = new StringBuilder();
    try (var files = Files.list(logs)) {
      for (Path f : files.sorted().toList()) {
        List<String> lines = Files.readAllLines(f);
        all.append("---- ").append(f.getFileName()).append('\n');
        lines
            .subList(Math.max(0, lines.size() - 30), lines.size())
            .forEach(l -> all.append(l).append('\n'));
      }
    }
    return all.toString();
  }

  private static String simpleName(String type) {
    return type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1);
  }
}
