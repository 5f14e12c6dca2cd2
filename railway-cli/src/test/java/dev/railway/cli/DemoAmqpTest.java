package dev.railway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code railway demo --amqp}: orders through the broker's trigger intake, payment webhooks through
 * a queue ToDo endpoint, outcomes confirmed by the broker. Needs RabbitMQ: set by {@value #ENV} in
 * CI (a missing broker then fails), skipped loudly elsewhere when none answers on 127.0.0.1:5672.
 */
class DemoAmqpTest {
  static final String ENV = "RAILWAY_TEST_AMQP_URI";

  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Railway.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  private static String broker() {
    String configured = System.getenv(ENV);
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", 5672), 2_000);
    } catch (IOException e) {
      String message = "RabbitMQ demo test SKIPPED: no broker on 127.0.0.1:5672 and no " + ENV;
      System.err.println("WARNING: " + message);
      Assumptions.abort(message);
    }
    return "amqp://guest:guest@127.0.0.1:5672";
  }

  @Test
  void ordersAndWebhooksGoThroughTheBrokerAndEveryOutcomeIsConfirmed() {
    Run run =
        run(
            "demo",
            "--orders",
            "10",
            "--seed",
            "5",
            "--db",
            dir.resolve("demo.db").toString(),
            "--amqp",
            broker());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("through RabbitMQ at")
        .contains("Through RabbitMQ: 10 instances started from trigger messages (0 dead-lettered)")
        .contains("outcomes confirmed and consumed: 10 distinct of 10")
        .contains("railway demo: all invariants hold");
  }

  @Test
  void aBadUriIsRefusedBeforeAnythingRuns() {
    Run run = run("demo", "--db", dir.resolve("x.db").toString(), "--amqp", "http://nope");

    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--amqp needs an AMQP URI").contains("'http://nope'");
    assertThat(dir.resolve("x.db")).doesNotExist();
  }
}
