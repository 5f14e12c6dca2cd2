package dev.railway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Workflow;
import dev.railway.examples.Examples;
import dev.railway.validation.WorkflowValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The review page is deterministic and compared with golden files under {@code
 * src/test/resources/golden}. After an intended change, regenerate them with {@code ./mvnw -pl
 * railway-cli -am test -Dtest=ReportCommandTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Drailway.golden.update=true} and review the diff.
 */
class ReportCommandTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  /** A stand-in for the Mermaid bundle, so that the HTML golden file stays small and readable. */
  private static final String SCRIPT_STAND_IN = "/* mermaid.min.js */";

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

  @Test
  void reportOfTheOrderExampleMatchesItsGoldenFile() throws IOException {
    Run run = run("report", "--example", "orders");

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertMatchesGolden("orders-review.md", run.out());
  }

  @Test
  void theHtmlPageMatchesItsGoldenFile() throws IOException {
    Workflow<?> orders = ordersExample();
    String markdown = ReviewMarkdown.render(orders, WorkflowValidator.validate(orders));

    String html = ReviewHtml.render("Workflow review: " + orders.id(), markdown, SCRIPT_STAND_IN);

    assertMatchesGolden("orders-review.html", html);
  }

  @Test
  void theReportIsTheSameOnEveryRun() {
    assertThat(run("report", "--example", "orders").out())
        .isEqualTo(run("report", "--example", "orders").out());
  }

  @Test
  void reportSaysWhatTheBusinessNeedsToReview() {
    String page = run("report", "--example", "orders").out();

    assertThat(page)
        .contains("## Diagram\n\n```mermaid\nstateDiagram-v2\n")
        .contains("| Opaque | 2 | `payment-successful`, `insufficient-funds` |")
        .contains("- **Compromise:** AtMostOnce: give up: never risk doing it twice")
        .contains("- **A possible failure leads to:** **FulfilmentUncertain** →")
        .contains("| `receive-payment` | the payment provider's webhook |")
        .contains("- **Any other fault** → **OrderCancelled**, for `make-order`")
        .contains("No problems and no warnings.");
  }

  @Test
  void anInvalidWorkflowGetsAReviewListingItsProblems() {
    Run run = run("report", "--example", "orders-broken");

    assertThat(run.exitCode()).isEqualTo(ExitCode.OK);
    assertThat(run.out())
        .contains("**Validator: INVALID**")
        .contains("- **Problem** (BlackBoxed task without compromise)")
        .contains("- **Compromise:** MISSING");
  }

  @Test
  void htmlWritesOneSelfContainedFileWithMermaidInlined(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("pages/orders.html");

    Run run = run("report", "--example", "orders", "--html", file.toString());

    assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCode.OK);
    assertThat(run.err()).contains("wrote " + file.toAbsolutePath());
    String html = Files.readString(file);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("<pre class=\"mermaid\">stateDiagram-v2\n")
        .contains("globalThis[\"mermaid\"]")
        .doesNotContain("<script src=")
        .doesNotContain("http://cdn")
        .doesNotContain("https://cdn");
    assertThat(html.length()).isGreaterThan(1_000_000);
  }

  static Workflow<?> ordersExample() {
    return Examples.find("orders").orElseThrow().workflow().get();
  }

  private static void assertMatchesGolden(String name, String actual) throws IOException {
    Path golden = GOLDEN.resolve(name);
    if (Boolean.getBoolean("railway.golden.update")) {
      Files.createDirectories(golden.getParent());
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(golden).as("golden file %s (see the class comment to create it)", golden).exists();
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
