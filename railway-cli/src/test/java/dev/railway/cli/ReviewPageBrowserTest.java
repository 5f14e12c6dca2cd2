package dev.railway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Workflow;
import dev.railway.validation.WorkflowValidator;
import java.io.DataInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens the review page in headless Chromium (Debian's {@code chromium}) with no network, as a
 * reviewer's browser would, and checks that Mermaid drew the diagram: the rendered DOM holds its
 * SVG, and the screenshot ({@code target/review/orders-review.png}, kept for people to look at) is
 * a real picture. One browser run serves both checks, since starting the browser is the slow part.
 * CI installs Chromium and must run this test; elsewhere a missing browser skips it loudly.
 */
class ReviewPageBrowserTest {
  private static final Path OUT = Path.of("target/review");
  private static final Path PNG = OUT.resolve("orders-review.png").toAbsolutePath();

  /** Generous: CI machines are shared, and the browser's start-up is most of it. */
  private static final long TIMEOUT_SECONDS = 240;

  private static String dom;

  /** One browser run (it is slow to start) takes the screenshot and dumps the rendered DOM. */
  @BeforeAll
  static void openThePageInChromium(@TempDir Path profile) throws Exception {
    Optional<Path> chromium = onPath("chromium", "chromium-browser");
    if (chromium.isEmpty()) {
      String message =
          "ReviewPageBrowserTest: no 'chromium' on PATH; install Debian's chromium to run it";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(message + " (CI must run this test)");
      }
      System.err.println("SKIPPED " + message);
      Assumptions.abort(message);
    }
    Workflow<?> orders = ReportCommandTest.ordersExample();
    String markdown = ReviewMarkdown.render(orders, WorkflowValidator.validate(orders));
    Files.createDirectories(OUT);
    Path page = OUT.resolve("orders-review.html").toAbsolutePath();
    Files.writeString(
        page,
        ReviewHtml.render("Workflow review: " + orders.id(), markdown, MermaidBundle.script()),
        StandardCharsets.UTF_8);
    Files.deleteIfExists(PNG);
    dom =
        run(
            chromium.get(),
            profile,
            "--window-size=1400,2400",
            "--screenshot=" + PNG,
            "--dump-dom",
            page.toUri().toString());
  }

  @Test
  void theRenderedPageHoldsTheDiagramAsSvg() {
    // The DOM inlines Mermaid (3 MB): check pieces, so a failure does not print all of it.
    assertThat(attribute(dom, "data-diagram")).isEqualTo("rendered");
    assertThat(dom.contains("<p class=\"diagram-error\">")).as("an error paragraph").isFalse();
    int diagram = dom.indexOf("<pre class=\"mermaid\"");
    assertThat(diagram).as("the diagram element").isNotNegative();
    String drawn = dom.substring(diagram, dom.indexOf("</pre>", diagram));
    assertThat(drawn.contains("<svg")).as("an SVG inside the diagram element").isTrue();
    assertThat(drawn.contains("payment-successful")).as("a task name in the SVG").isTrue();
    assertThat(drawn.contains("Legend")).as("the legend in the SVG").isTrue();
    assertThat(drawn.contains("stateDiagram-v2")).as("Mermaid source left undrawn").isFalse();
  }

  @Test
  void theScreenshotIsARealPicture() throws IOException {
    assertThat(PNG).exists();
    try (InputStream in = Files.newInputStream(PNG);
        DataInputStream data = new DataInputStream(in)) {
      byte[] signature = data.readNBytes(8);
      assertThat(signature).containsExactly(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
      data.readInt(); // IHDR length
      assertThat(new String(data.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("IHDR");
      assertThat(data.readInt()).as("width").isEqualTo(1400);
      assertThat(data.readInt()).as("height").isEqualTo(2400);
    }
    // A blank page of this size compresses to a few kilobytes; text and a diagram do not.
    assertThat(Files.size(PNG)).isGreaterThan(50_000);
  }

  /** Runs headless Chromium isolated from the network and from any profile; returns stdout. */
  private static String run(Path chromium, Path profile, String... args) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                chromium.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--user-data-dir=" + profile,
                // Lets the page's scripts finish (Mermaid renders asynchronously) before output.
                "--virtual-time-budget=5000"));
    command.addAll(List.of(args));
    Path stdout = OUT.resolve("orders-review.dom.html").toAbsolutePath();
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s");
    }
    assertThat(process.exitValue()).as("chromium exit code").isZero();
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  /** The value of the first {@code name="..."} attribute in {@code html}, or null. */
  private static String attribute(String html, String name) {
    int at = html.indexOf(name + "=\"");
    if (at < 0) {
      return null;
    }
    int start = at + name.length() + 2;
    return html.substring(start, html.indexOf('"', start));
  }

  private static Optional<Path> onPath(String... names) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      for (String name : names) {
        Path candidate = Path.of(dir, name);
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }
}
