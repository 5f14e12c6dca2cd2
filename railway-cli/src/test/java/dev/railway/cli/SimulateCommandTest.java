package dev.railway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulateCommandTest {

  record Run(int exitCode, String out, String err) {
    String lastLine() {
      List<String> lines = out.lines().toList();
      return lines.isEmpty() ? "" : lines.getLast();
    }
  }

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
  void simulate_ordersExample_keepsEveryInvariant_lastLineSummarises() {
    Run run = run("simulate", "--example", "orders", "--seeds", "20");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.lastLine()).isEqualTo("simulate: runs=20 violations=0 seeds=[]");
  }

  @Test
  void simulate_oneSeedWithTrace_printsThatRunStepByStep() {
    Run run = run("simulate", "--example", "refunds", "--seed", "7", "--workers", "2", "--trace");

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("seed 7: passed")
        .contains("DELIVER trigger")
        .contains("AFTER_DECISION recorded");
    assertThat(run.lastLine()).isEqualTo("simulate: runs=1 violations=0 seeds=[]");
  }

  @Test
  void simulate_aUsersBrokenThirdParty_exitsOne_printingSeedsAndTraces() {
    Run run =
        run(
            "simulate",
            "--class",
            "dev.railway.cli.fixtures.KeylessRefunds",
            "--seeds",
            "30",
            "--faults",
            "lost-response,duplicate-task");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.INVALID);
    assertThat(run.out()).contains(": FAILED").contains("violation I3").contains("--seed ");
    assertThat(run.lastLine())
        .matches("simulate: runs=30 violations=[1-9][0-9]* seeds=\\[\\d.*\\]");
  }

  @Test
  void simulate_withoutExampleOrClass_runsEveryBundledExample() {
    Run run = run("simulate", "--seeds", "5");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("example 'orders' simulate: runs=5 violations=0")
        .contains("example 'refunds' simulate: runs=5 violations=0");
    assertThat(run.lastLine()).isEqualTo("simulate: runs=10 violations=0 seeds=[]");
  }

  @Test
  void simulate_unknownFault_isBadUsage_namingIt() {
    Run run = run("simulate", "--example", "orders", "--faults", "crash,meteor");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("'meteor'").contains("pause-long");
  }

  @Test
  void simulate_aClassThatIsNoSimulationProvider_isBadUsage() {
    Run run = run("simulate", "--class", "dev.railway.cli.fixtures.StaticFactories");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("does not implement dev.railway.sim.SimulationProvider");
  }
}
