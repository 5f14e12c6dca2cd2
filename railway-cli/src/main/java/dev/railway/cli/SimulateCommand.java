package dev.railway.cli;

import dev.railway.sim.Fault;
import dev.railway.sim.RunResult;
import dev.railway.sim.Simulation;
import dev.railway.sim.SimulationProvider;
import dev.railway.sim.SimulationResult;
import java.io.File;
import java.io.PrintWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code railway simulate}: runs a workflow under seeded crashes, duplicates and faults. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    versionProvider = Railway.Version.class,
    description = {
      "Runs a workflow on the real engine under seeded schedules: concurrent workers, crashes at"
          + " every step, duplicate tasks and triggers, faulty third parties, pauses. Checks the"
          + " invariants I1-I6 and L1 after every run; a failing run prints its seed and trace.",
      "The last line is: simulate: runs=N violations=V seeds=[failing seeds]",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every run kept the invariants",
      "1:at least one run broke an invariant (its seed and trace are printed)",
      "2:bad usage, or the simulation could not be found or built"
    })
final class SimulateCommand implements Callable<Integer> {

  static final class Source {
    @Option(
        names = "--example",
        paramLabel = "NAME",
        description =
            "A bundled example: orders or refunds. Without --example or --class, every bundled"
                + " example runs.")
    String example;

    @Option(
        names = "--class",
        paramLabel = "FQCN",
        description =
            "A class implementing dev.railway.sim.SimulationProvider (public no-argument"
                + " constructor).")
    String className;
  }

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  /** Progress goes to the error stream this often on long runs; the output stays the report. */
  static final long PROGRESS_EVERY_NANOS = 5_000_000_000L;

  @Option(
      names = "--classpath",
      paramLabel = "CP",
      description =
          "Jars and directories to load --class from, separated by '${sys:path.separator}'.")
  String classpath;

  @Option(names = "--seeds", paramLabel = "N", description = "Seeds 1..N (default 100).")
  int seeds = 100;

  @Option(names = "--seed", paramLabel = "S", description = "Only this seed (rerun a failure).")
  Long seed;

  @Option(names = "--workers", paramLabel = "W", description = "Concurrent workers (default 3).")
  int workers = 3;

  @Option(
      names = "--instances",
      paramLabel = "N",
      description = "Workflow instances per run (default 3).")
  int instances = 3;

  @Option(
      names = "--faults",
      paramLabel = "LIST",
      description =
          "Comma-separated: crash, duplicate-task, duplicate-trigger, error, timeout,"
              + " lost-response, slow-response, latency, listener-error, pause-short, pause-long;"
              + " or default (all but pause-long), all, none. Default: default.")
  String faults = "default";

  @Option(names = "--sqlite", description = "Run each seed on a fresh SQLite file.")
  boolean sqlite;

  @Option(names = "--trace", description = "Print the trace of every run, not only failing ones.")
  boolean trace;

  @Override
  public Integer call() {
    // Thousands of simulated faults would each log a line: keep the engine to errors here.
    System.setProperty("org.slf4j.simpleLogger.log.dev.railway", "error");
    PrintWriter out = spec.commandLine().getOut();
    if (seeds < 1) {
      throw new ParameterException(spec.commandLine(), "--seeds must be at least 1; was " + seeds);
    }
    Map<String, Simulation<?>> sims = new LinkedHashMap<>();
    try {
      if (source == null) {
        if (classpath != null) {
          throw new WorkflowSourceException("--classpath applies to --class only");
        }
        for (String name : SimulatedExamples.names()) {
          sims.put("example '" + name + "'", configure(SimulatedExamples.find(name)));
        }
      } else {
        sims.put(describe(), configure(load()));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    int runs = 0;
    List<String> failing = new ArrayList<>();
    for (Map.Entry<String, Simulation<?>> e : sims.entrySet()) {
      SimulationResult result = simulate(e.getKey(), e.getValue(), out);
      runs += result.runs().size();
      String prefix = sims.size() > 1 ? e.getKey().replaceAll(".*'(.*)'", "$1") + ":" : "";
      result.failingSeeds().forEach(s -> failing.add(prefix + s));
      if (sims.size() > 1) {
        out.println("  " + e.getKey() + " " + result.summaryLine());
      }
    }
    // One simulation: its failing seeds; several: each seed named by its example, e.g. orders:12.
    out.println("simulate: runs=" + runs + " violations=" + failing.size() + " seeds=" + failing);
    out.flush();
    return failing.isEmpty() ? ExitCode.OK : ExitCode.INVALID;
  }

  private Simulation<?> configure(Simulation<?> sim) {
    sim.workers(workers).instances(instances).faults(Fault.parse(faults));
    if (seed != null) {
      sim.seed(seed);
    } else {
      sim.seeds(seeds);
    }
    if (sqlite) {
      sim.onSqlite();
    }
    return sim;
  }

  private SimulationResult simulate(String what, Simulation<?> sim, PrintWriter out) {
    PrintWriter err = spec.commandLine().getErr();
    int total = seed != null ? 1 : seeds;
    long start = System.nanoTime();
    long[] lastReport = {start};
    int[] done = {0};
    int[] failed = {0};
    sim.onRun(r -> {
      done[0]++;
      if (r.failed()) {
        failed[0]++;
      }
      long now = System.nanoTime();
      if (now - lastReport[0] >= PROGRESS_EVERY_NANOS && done[0] < total) {
        lastReport[0] = now;
        err.printf(
            "simulate %s: %d/%d runs, %d with violations, %.0f s%n",
            what, done[0], total, failed[0], (now - start) / 1e9);
        err.flush();
      }
    });
    SimulationResult result = sim.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    for (RunResult run : result.runs()) {
      if (run.failed() || trace) {
        out.print(run.report());
      }
    }
    List<Long> exceeded = result.assumptionExceededSeeds();
    if (!exceeded.isEmpty()) {
      List<String> broken =
          result.runs().stream()
              .flatMap(
                  r -> r.assumptionExceeded().stream().map(a -> "  seed " + r.seed() + ": " + a))
              .filter(line -> line.matches(".*: I[3-6]:.*"))
              .toList();
      out.println(
          "documented assumption exceeded (a pause longer than the grace period) in "
              + exceeded.size()
              + " seed(s) "
              + (exceeded.size() > 20 ? exceeded.subList(0, 20) + "..." : exceeded)
              + (broken.isEmpty()
                  ? "; no effect bound was broken by it"
                  : "; effect bounds broken there (" + broken.size() + "):"));
      broken.stream().limit(20).forEach(out::println);
    }
    out.printf(
        "%s: %d run(s) of %d worker(s) in %.1f s (%.0f seeds/s)%n",
        what,
        result.runs().size(),
        workers,
        seconds,
        result.runs().size() / Math.max(seconds, 1e-9));
    return result;
  }

  private String describe() {
    return source.example != null
        ? "example '" + source.example + "'"
        : "class '" + source.className + "'";
  }

  private Simulation<?> load() {
    if (source.example != null) {
      if (classpath != null) {
        throw new WorkflowSourceException("--classpath applies to --class only");
      }
      return SimulatedExamples.find(source.example);
    }
    Class<?> type;
    try {
      type = Class.forName(source.className, true, loader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new WorkflowSourceException(
          "class '"
              + source.className
              + "' not found"
              + (classpath == null ? "" : " on " + classpath),
          e);
    }
    if (!SimulationProvider.class.isAssignableFrom(type)) {
      throw new WorkflowSourceException(
          "class '"
              + type.getName()
              + "' does not implement "
              + SimulationProvider.class.getName());
    }
    try {
      return ((SimulationProvider) type.getConstructor().newInstance()).simulation();
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new WorkflowSourceException(
          "could not build the simulation of '" + type.getName() + "': " + e, e);
    }
  }

  private ClassLoader loader() {
    ClassLoader parent = SimulateCommand.class.getClassLoader();
    if (classpath == null) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String part : classpath.split(File.pathSeparator)) {
      try {
        urls.add(new File(part).toURI().toURL());
      } catch (MalformedURLException e) {
        throw new WorkflowSourceException("bad --classpath entry '" + part + "'", e);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), parent);
  }
}
