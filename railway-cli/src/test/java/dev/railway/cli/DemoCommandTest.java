package dev.railway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `railway demo` end to end on a real SQLite file, small enough for the test suite. */
class DemoCommandTest {
  record Run(int exitCode, String out, String err) {}

  @TempDir Path dir;

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Railway.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  @Test
  void runsEveryOrderToAnOutcomeAndChecksTheInvariantsAgainstTheLedgers() {
    Path db = dir.resolve("demo.db");

    Run run =
        run("demo", "--orders", "12", "--db", db.toString(), "--fault-rate", "0.2", "--seed", "7");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("12 orders, seed 7")
        .contains("finished 12/12")
        .contains("OK   I1 at most one decision per task id")
        .contains("OK   I6 black-boxed")
        .doesNotContain("FAIL")
        .contains("railway demo: all invariants hold");
    assertThat(db).exists();
    assertThat(Path.of(db + ".ledger")).exists();
  }

  @Test
  void resumingAFinishedRunFindsNothingLeftAndKeepsItsSeedAndOrders() {
    Path db = dir.resolve("demo.db");
    assertThat(run("demo", "--orders", "4", "--db", db.toString(), "--seed", "3").exitCode())
        .isZero();

    Run resumed = run("demo", "--orders", "99", "--db", db.toString(), "--resume", "--seed", "8");

    assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
    assertThat(resumed.out())
        .contains("4 orders, seed 3")
        .contains("resumed 0 unfinished instance(s) of 4 started")
        .contains("4 instances for 4 orders");
  }

  @Test
  void refusesToOverwriteAnExistingRunOrToResumeAMissingOne() throws Exception {
    Path existing = dir.resolve("taken.db");
    Files.writeString(existing, "");

    Run overwrite = run("demo", "--db", existing.toString());
    Run missing = run("demo", "--db", dir.resolve("nothing.db").toString(), "--resume");

    assertThat(overwrite.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(overwrite.err()).contains("already holds a demo run").contains("--resume");
    assertThat(Files.readString(existing)).isEmpty();
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("no database at").contains("nothing.db");
  }

  @Test
  void rejectsBadOptionsShowingTheValue() {
    Run orders = run("demo", "--orders", "0", "--db", dir.resolve("a.db").toString());
    Run rate = run("demo", "--fault-rate", "0.9", "--db", dir.resolve("b.db").toString());

    assertThat(orders.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(orders.err()).contains("--orders must be at least 1; was 0");
    assertThat(rate.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(rate.err()).contains("--fault-rate must be between 0 and 0.5; was 0.9");
    assertThat(dir.resolve("a.db")).doesNotExist();
  }
}
