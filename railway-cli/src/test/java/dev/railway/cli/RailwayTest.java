package dev.railway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Workflow;
import dev.railway.definition.WorkflowProvider;
import dev.railway.examples.orders.OrderCreationBroken;
import dev.railway.validation.Problem;
import dev.railway.validation.ValidationReport;
import dev.railway.validation.WorkflowValidator;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RailwayTest {

  record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    return run(CommandLine.defaultFactory(), args);
  }

  private static Run run(CommandLine.IFactory factory, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Railway.commandLine(factory);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exitCode = cli.execute(args);
    return new Run(exitCode, out.toString(), err.toString());
  }

  /** Runs with a stand-in validator, so the exit-1 path is tested whatever the real one finds. */
  private static Run runWithValidator(
      Function<Workflow<?>, ValidationReport> validator, String... args) {
    CommandLine.IFactory factory =
        new CommandLine.IFactory() {
          @Override
          public <K> K create(Class<K> type) throws Exception {
            return type == ValidateCommand.class
                ? type.cast(new ValidateCommand(validator))
                : CommandLine.defaultFactory().create(type);
          }
        };
    return run(factory, args);
  }

  @Test
  void validateSummarisesAValidWorkflowAndExitsZero() {
    Run run = run("validate", "--example", "orders");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("workflow order-creation@1")
        .contains("trigger OrderPlaced, starts at make-order")
        .contains("tasks (10):")
        .containsPattern("reserve-stock +Deterministic +State/OptimisticLock")
        .containsPattern(
            "customer-support-review +To Do +ToDo +\\(http:support/reviews, cannot expire\\)")
        .containsPattern("payment-successful +Opaque +State/BlackBoxed")
        .containsPattern("make-order +Trivial +State/Idempotent")
        .contains("compromise HumanReview(customer-support-review)")
        .contains("      why: self-evident, must happen, concerns the customer, risks")
        .contains("OrderCancelled -> outcome  [decision, fault (default)]")
        .contains("  default exit: fault -> OrderCancelled (outcome), used by 5 tasks")
        .contains("  default exit: expiry -> OrderCancelled (outcome), used by 2 tasks")
        .contains("  categories: To Do 4, Trivial 2, Deterministic 2, Opaque 2")
        .contains("FulfilmentUncertain -> customer-support-review  [possible failure]")
        .contains("PaymentAbandoned -> waiting-for-user-on-payment  [expiry]")
        .contains("outcomes: OrderCancelled, OrderConfirmed")
        .contains("VALID: no problems found");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void validateListsEveryProblemAndExitsOne() {
    List<Problem> problems =
        List.of(
            new Problem(
                "event with no target",
                "reserve-stock",
                "ProductsMissing goes nowhere",
                "route it"),
            new Problem(
                "unreachable task", "insufficient-funds", "nothing leads here", "remove it"));
    Run run =
        runWithValidator(
            workflow -> new ValidationReport(workflow, problems),
            "validate",
            "--example",
            "orders-broken");
    assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(run.out())
        .contains("workflow order-creation-broken@1")
        .contains("ProductsMissing -> NO TARGET  [decision]")
        .contains("compromise MISSING")
        .contains("- [event with no target] ProductsMissing goes nowhere")
        .contains("  fix: route it")
        .contains("- [unreachable task] nothing leads here")
        .contains("INVALID: 2 problem(s)");
  }

  @Test
  void validateExitsOneForTheBrokenExample() {
    assertThat(WorkflowValidator.validate(OrderCreationBroken.workflow()).problems())
        .as("the validator reports the broken draft's mistakes")
        .isNotEmpty();
    Run run = run("validate", "--example", "orders-broken");
    assertThat(run.exitCode()).isEqualTo(ExitCode.INVALID);
    assertThat(run.out().toLowerCase(java.util.Locale.ROOT))
        .contains("no target", "unreachable", "fault mapping", "compromise");
  }

  @Test
  void unknownExampleListsTheAvailableOnesAndExitsTwo() {
    Run run = run("validate", "--example", "nope");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("unknown example 'nope'")
        .contains("available examples: orders, orders-broken, refunds");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void exampleAndClassAreMutuallyExclusiveAndOneIsRequired() {
    Run both = run("validate", "--example", "orders", "--class", "x.Y");
    assertThat(both.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(both.err()).contains("mutually exclusive");
    Run neither = run("diagram");
    assertThat(neither.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(neither.err()).contains("Missing required argument");
  }

  @Test
  void bareRailwayShowsTheCommandsAndExitsTwo() {
    Run run = run();
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("choose a command").contains("validate").contains("diagram");
  }

  @Test
  void diagramPrintsTheMermaidText() {
    Run run = run("diagram", "--example", "orders");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out()).startsWith("stateDiagram-v2").endsWith("\n");
  }

  @Test
  void classMayBeAWorkflowProvider() {
    Run run = run("validate", "--class", "dev.railway.examples.refunds.RefundWorkflows");
    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("workflow refund@1")
        .contains("RefundRejected -> outcome  [decision, fault]");
  }

  @Test
  void classMayHaveStaticFactoriesAndWorkflowPicksOne() {
    String fixture = "dev.railway.cli.fixtures.StaticFactories";
    Run all = run("validate", "--class", fixture);
    assertThat(all.exitCode()).as(all.err()).isEqualTo(ExitCode.OK);
    assertThat(all.out()).contains("workflow ping-pong@1").contains("workflow ping-pong-again@1");

    Run ambiguous = run("diagram", "--class", fixture);
    assertThat(ambiguous.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(ambiguous.err())
        .contains("provides 2 workflows (ping-pong, ping-pong-again)")
        .contains("--workflow NAME");

    Run one = run("validate", "--class", fixture, "--workflow", "ping-pong-again");
    assertThat(one.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(one.out()).contains("ping-pong-again@1").doesNotContain("workflow ping-pong@1");

    Run missing = run("validate", "--class", fixture, "--workflow", "pong");
    assertThat(missing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(missing.err()).contains("no workflow named 'pong'");
  }

  @Test
  void unusableClassesAreNamedWithTheReason() {
    Run notFound = run("validate", "--class", "com.acme.Missing");
    assertThat(notFound.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(notFound.err()).contains("class 'com.acme.Missing' not found");

    Run notAProvider = run("validate", "--class", "java.lang.String");
    assertThat(notAProvider.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(notAProvider.err()).contains("'java.lang.String' is neither a");

    Run noConstructor =
        run("validate", "--class", "dev.railway.cli.fixtures.NoConstructorProvider");
    assertThat(noConstructor.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(noConstructor.err()).contains("needs a public no-argument constructor");

    Run failing = run("validate", "--class", "dev.railway.cli.fixtures.FailingProvider");
    assertThat(failing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(failing.err())
        .contains("FailingProvider.workflows() failed to build the workflows")
        .contains("no start task");
  }

  @Test
  void classpathLoadsUsersClassesFromADirectory(@TempDir Path dir) throws Exception {
    Path source = dir.resolve("src/acme/Flows.java");
    Files.createDirectories(source.getParent());
    Files.writeString(
        source,
        """
        package acme;

        import dev.railway.definition.*;
        import java.util.List;

        public class Flows implements WorkflowProvider {
          public record Hello(String id) {}

          public record Done(String id) {}

          public List<Workflow<?>> workflows() {
            return List.of(
                Workflow.builder("acme-hello", Hello.class)
                    .startAt("say")
                    .task(
                        Tasks.idempotent("say", Hello.class, String.class)
                            .identifiedBy(h -> "say-" + h.id())
                            .attempt((h, id) -> id)
                            .decide((h, r) -> new Done(h.id()), Done.class)
                            .onFault((e, h, id) -> new Done(h.id()), Done.class)
                            .outcome(Done.class)
                            .build())
                    .build());
          }
        }
        """);
    Path classes = dir.resolve("classes");
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    String core =
        Path.of(WorkflowProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    int compiled =
        javac.run(null, null, null, "-d", classes.toString(), "-cp", core, source.toString());
    assertThat(compiled).as("compiling the fixture").isZero();

    Run notOnClasspath = run("validate", "--class", "acme.Flows");
    assertThat(notOnClasspath.exitCode()).isEqualTo(ExitCode.USAGE);

    Run run =
        run(
            "validate",
            "--class",
            "acme.Flows",
            "--classpath",
            dir.resolve("nowhere") + File.pathSeparator + classes);
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err())
        .contains("classpath entry '" + dir.resolve("nowhere") + "' does not exist");

    Run found = run("validate", "--class", "acme.Flows", "--classpath", classes.toString());
    assertThat(found.exitCode()).as(found.err()).isEqualTo(ExitCode.OK);
    assertThat(found.out()).contains("workflow acme-hello@1").contains("Done -> outcome");
  }

  @Test
  void classpathAppliesToClassOnly() {
    Run run = run("validate", "--example", "orders", "--classpath", "lib.jar");
    assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run.err()).contains("--classpath applies to --class only");
  }

  @Test
  void unexpectedErrorsAreReportedAsInternal() {
    Run run =
        runWithValidator(
            workflow -> {
              throw new IllegalStateException("validator bug");
            },
            "validate",
            "--example",
            "refunds");
    assertThat(run.exitCode()).isEqualTo(ExitCode.INTERNAL);
    assertThat(run.err()).contains("internal error").contains("validator bug");
  }

  @Test
  void durationsReadLikeAPerson() {
    assertThat(WorkflowSummary.human(java.time.Duration.ofDays(2))).isEqualTo("2d");
    assertThat(WorkflowSummary.human(java.time.Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(WorkflowSummary.human(java.time.Duration.ofMillis(1500))).isEqualTo("1.500s");
  }
}
