package dev.railway.cli.worker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.cli.StoreKind;
import dev.railway.cli.StoreOptions;
import dev.railway.cli.bench.BenchEvents.Started;
import dev.railway.cli.bench.BenchWorkflows;
import dev.railway.cli.bench.JdbcThirdParties;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.StartResult;
import dev.railway.store.Store;
import dev.railway.store.StoreUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chaos suite: three {@code railway worker} JVMs with default engine settings run 2,000
 * instances of the mixed workflow (one task of each integration kind) on a private PostgreSQL
 * cluster, while the test terminates every backend, restarts the server, stops it for 30 s, kills a
 * worker with SIGKILL, or slows the third party down. After each scenario: every instance finished,
 * I1-I6 hold against the third parties' own ledger, every outcome was delivered, and every worker
 * stops on SIGTERM (none hung). Time, attempts per task, possible failures and listener calls per
 * outcome are printed for docs/RELIABILITY.md.
 *
 * <p>Runs when {@value #ENV} is set ({@code .ci/run} sets it, and fails when the PostgreSQL server
 * binaries are missing); skipped loudly otherwise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosSuiteTest {
  static final String ENV = "RAILWAY_CHAOS";
  static final int INSTANCES = 2_000;
  static final int WORKERS = 3;
  static final Duration FINISH_WITHIN = Duration.ofSeconds(240);

  private static PrivatePostgres pg;
  private static double faultFreeSeconds;
  private static final List<String> table = new ArrayList<>();

  @TempDir Path logs;
  private final List<Process> workers = new ArrayList<>();
  private String schema;

  @BeforeAll
  static void cluster() throws Exception {
    if (System.getenv(ENV) == null) {
      String message =
          "chaos suite SKIPPED: set "
              + ENV
              + "=1 to run it (CI always does); it needs the PostgreSQL server binaries (initdb,"
              + " pg_ctl) and about 5 minutes";
      System.err.println("WARNING: " + message);
      Assumptions.abort(message);
    }
    Optional<Path> bin = PrivatePostgres.binaries();
    assertThat(bin)
        .as(
            "initdb and pg_ctl (install the PostgreSQL server, e.g. apt-get install"
                + " postgresql, or set %s)",
            PrivatePostgres.BIN_ENV)
        .isPresent();
    pg = PrivatePostgres.start(bin.get());
    System.out.println("chaos suite: private cluster on port " + pg.port());
  }

  @AfterAll
  static void report() throws Exception {
    if (pg != null) {
      pg.close();
    }
    if (!table.isEmpty()) {
      System.out.println(
          "chaos suite summary:\n| scenario | seconds | vs fault-free | attempts per task |"
              + " possible failures | listener calls per outcome |\n|---|---:|---:|---:|---:|---:|");
      table.forEach(System.out::println);
    }
  }

  @AfterEach
  void killWorkers() {
    workers.forEach(Process::destroyForcibly);
  }

  /** What the chaos does while the workers run; {@code at} waits until that many finished. */
  @FunctionalInterface
  private interface Chaos {
    void run(Run run) throws Exception;
  }

  @Test
  @Order(1)
  void faultFree() throws Exception {
    faultFreeSeconds = scenario("fault-free", 0, run -> {}).seconds;
  }

  @Test
  @Order(2)
  void a_terminateEveryBackendThreeTimes_andKillAWorker() throws Exception {
    scenario(
        "(a) pg_terminate_backend x3 + kill -9",
        0,
        run -> {
          run.await(INSTANCES / 5);
          run.terminate();
          run.await(INSTANCES * 2 / 5);
          run.terminate();
          run.killAndRestartWorker(1);
          run.await(INSTANCES * 3 / 5);
          run.terminate();
        });
  }

  @Test
  @Order(3)
  void b_fastRestart_andKillAWorker() throws Exception {
    scenario(
        "(b) fast restart + kill -9",
        0,
        run -> {
          run.await(INSTANCES / 3);
          run.killAndRestartWorker(2);
          pg.restart();
          run.note("restarted");
        });
  }

  @Test
  @Order(4)
  void c_serverStopped30Seconds_andKillAWorker() throws Exception {
    scenario(
        "(c) stopped 30 s + kill -9",
        0,
        run -> {
          run.await(INSTANCES / 3);
          pg.stopServer();
          long down = System.nanoTime();
          run.killAndRestartWorker(0);
          Thread.sleep(Duration.ofSeconds(30));
          pg.startServer();
          run.downtime = Duration.ofNanos(System.nanoTime() - down);
          run.note("down " + run.downtime.toSeconds() + " s");
        });
  }

  @Test
  @Order(5)
  void e_slowThirdPartyExhaustsThePool() throws Exception {
    // Every call takes 300 ms of its 400 ms timeout: all attempts in flight at once, for long.
    scenario("(e) slow third party (300 ms calls)", 300, run -> {});
  }

  private Result scenario(String name, int callMs, Chaos chaos) throws Exception {
    schema = "chaos_" + table.size();
    StoreOptions options = new StoreOptions();
    options.kind = StoreKind.postgres;
    options.url = pg.url();
    options.schema = schema;
    Clock clock = Clock.systemUTC();
    try (Store store = options.open(clock, null);
        JdbcThirdParties ledger =
            new JdbcThirdParties(
                pg.url(), options.ledgerSchema(), clock, BenchWorkflows.HOLD_TTL)) {
      Engine trigger =
          WorkerWorkflows.register(Engine.builder(store).clock(clock), ledger, null)
              .workerId("chaos-trigger")
              .build();
      Run run = new Run(name, callMs);
      for (int w = 0; w < WORKERS; w++) {
        workers.add(run.startWorker(w));
      }
      Workflow<Started> mixed = BenchWorkflows.mixed(ledger);
      long started = System.nanoTime();
      for (int from = 0; from < INSTANCES; from += 500) {
        List<Started> batch = new ArrayList<>();
        for (int n = from; n < Math.min(INSTANCES, from + 500); n++) {
          batch.add(new Started("chaos-" + n));
        }
        // Redelivered until accepted, as a consumer would: triggers are deduplicated by event id.
        List<StartResult> results = null;
        for (int tries = 0; results == null; tries++) {
          try {
            results = trigger.triggerAll(mixed, batch);
          } catch (StoreUnavailableException e) {
            assertThat(tries).as("trigger redeliveries: %s", e.getMessage()).isLessThan(10);
          }
        }
        assertThat(results)
            .allMatch(r -> r instanceof StartResult.Started || r instanceof StartResult.Duplicate);
      }
      trigger.stop(Duration.ofSeconds(5));

      chaos.run(run);
      run.await(INSTANCES);
      run.awaitDelivered();
      double seconds = (System.nanoTime() - started) / 1e9;
      for (Process p : workers) {
        p.destroy(); // SIGTERM
      }
      for (Process p : workers) {
        assertThat(p.waitFor(60, TimeUnit.SECONDS))
            .as("a worker stops on SIGTERM (none hung); logs in %s:%n%s", logs, run.tails())
            .isTrue();
      }
      MixedInvariants.check(store, ledger.counts(), INSTANCES, "chaos " + name);

      Result result = run.result(seconds);
      String ratio =
          faultFreeSeconds == 0
              ? "1.00x"
              : String.format(
                  Locale.ROOT,
                  "%.2fx%s",
                  (seconds - run.downtime.toMillis() / 1000.0) / faultFreeSeconds,
                  run.downtime.isZero() ? "" : " (outage excluded)");
      String row =
          String.format(
              Locale.ROOT,
              "| %s | %.1f | %s | %.2f | %d | %.2f |",
              name,
              seconds,
              ratio,
              result.attemptsPerTask,
              result.possibleFailures,
              result.callsPerOutcome);
      table.add(row);
      System.out.println("chaos suite: " + row + " " + run.notes);
      assertThat(result.callsPerOutcome).as("every outcome delivered").isGreaterThanOrEqualTo(1.0);
      if (name.equals("fault-free")) {
        assertThat(result.callsPerOutcome)
            .as("one delivery per outcome without faults")
            .isEqualTo(1.0);
        assertThat(result.possibleFailures).as("no possible failure without faults").isZero();
      }
      return result;
    }
  }

  private record Result(
      double seconds, double attemptsPerTask, long possibleFailures, double callsPerOutcome) {}

  /** One scenario's workers, progress, and the measures taken from the database afterwards. */
  private final class Run {
    final String name;
    final int callMs;
    final List<String> notes = new ArrayList<>();
    Duration downtime = Duration.ZERO;
    final long deadline = System.nanoTime() + FINISH_WITHIN.toNanos();

    Run(String name, int callMs) {
      this.name = name;
      this.callMs = callMs;
    }

    void note(String what) {
      notes.add(what);
    }

    Process startWorker(int n) throws IOException {
      String java = ProcessHandle.current().info().command().orElse("java");
      List<String> command =
          List.of(
              java,
              "-cp",
              System.getProperty("java.class.path"),
              "dev.railway.cli.Railway",
              "worker",
              "--store",
              "postgres",
              "--url",
              pg.url(),
              "--schema",
              schema,
              "--worker-id",
              "w" + n,
              "--fault-rate",
              "0",
              "--call-ms",
              Integer.toString(callMs),
              "--deliveries",
              logs.resolve("deliveries-" + n + "-" + System.nanoTime() + ".txt").toString());
      return new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(logs.resolve("worker-" + n + "-" + System.nanoTime() + ".log").toFile())
          .start();
    }

    void killAndRestartWorker(int n) throws Exception {
      Process victim = workers.get(n);
      victim.destroyForcibly(); // SIGKILL: in-flight attempts cut mid-call
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
      workers.set(n, startWorker(n));
      note("killed w" + n);
    }

    void terminate() throws SQLException {
      note("terminated " + pg.terminateBackends());
    }

    /** Waits until {@code atLeast} instances finished; the database may be away meanwhile. */
    void await(int atLeast) throws Exception {
      while (System.nanoTime() < deadline) {
        Optional<Long> finished =
            count("SELECT count(*) FROM " + schema + ".instances WHERE status = 'FINISHED'");
        if (finished.isPresent() && finished.get() >= atLeast) {
          return;
        }
        for (Process p : workers) {
          if (!p.isAlive()) {
            throw new AssertionError("a worker died on its own:\n" + tails());
          }
        }
        Thread.sleep(200);
      }
      throw new AssertionError(
          "%s: fewer than %d instances finished within %s%n%s"
              .formatted(name, atLeast, FINISH_WITHIN, tails()));
    }

    void awaitDelivered() throws Exception {
      while (System.nanoTime() < deadline) {
        Optional<Long> left =
            count("SELECT count(*) FROM " + schema + ".outbox WHERE delivered_at_ns IS NULL");
        if (left.isPresent() && left.get() == 0) {
          return;
        }
        Thread.sleep(200);
      }
      throw new AssertionError(name + ": outcomes left undelivered\n" + tails());
    }

    Optional<Long> count(String sql) {
      try (Connection c = DriverManager.getConnection(pg.url());
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery(sql)) {
        r.next();
        return Optional.of(r.getLong(1));
      } catch (SQLException e) {
        return Optional.empty(); // the server is away; ask again
      }
    }

    Result result(double seconds) throws IOException {
      long attempts =
          count("SELECT count(*) FROM " + schema + ".stream_events WHERE kind = 'AttemptStarted'")
              .orElseThrow();
      long tasks = count("SELECT count(*) FROM " + schema + ".decisions").orElseThrow();
      long possibleFailures =
          count("SELECT count(*) FROM " + schema + ".decisions WHERE cause = 'POSSIBLE_FAILURE'")
              .orElseThrow();
      Map<String, Integer> calls = new HashMap<>();
      try (var files = Files.list(logs)) {
        for (Path f :
            files.filter(p -> p.getFileName().toString().startsWith("deliveries-")).toList()) {
          for (String id : Files.readAllLines(f)) {
            if (!id.isBlank()) {
              calls.merge(id, 1, Integer::sum);
            }
          }
        }
      }
      assertThat(calls).as("outcomes seen by the listeners").hasSize(INSTANCES);
      int total = calls.values().stream().mapToInt(Integer::intValue).sum();
      return new Result(
          seconds, (double) attempts / tasks, possibleFailures, (double) total / calls.size());
    }

    String tails() throws IOException {
      StringBuilder all = new StringBuilder();
      try (var files = Files.list(logs)) {
        for (Path f :
            files.filter(p -> p.getFileName().toString().startsWith("worker-")).sorted().toList()) {
          List<String> lines = Files.readAllLines(f);
          all.append("---- ").append(f.getFileName()).append('\n');
          lines
              .subList(Math.max(0, lines.size() - 15), lines.size())
              .forEach(l -> all.append(l).append('\n'));
        }
      }
      return all.toString();
    }
  }
}
