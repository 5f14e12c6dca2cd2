package dev.railway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Mermaid's one-file browser bundle, shipped inside the CLI from the pinned {@code
 * org.webjars.npm:mermaid} webjar, so a review page renders its diagram with no network.
 */
final class MermaidBundle {
  /** The webjar version, as pinned in the build. */
  static final String VERSION = "11.14.0";

  static final String RESOURCE =
      "META-INF/resources/webjars/mermaid/" + VERSION + "/dist/mermaid.min.js";

  private MermaidBundle() {}

  /** The script's text, checked to be safe to inline in a {@code <script>} element. */
  static String script() {
    try (InputStream in = MermaidBundle.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the Mermaid bundle "
                + RESOURCE
                + " is not on the class path; the CLI was built without the mermaid webjar");
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Inlined, the script would end at the first "</script"; a bundle that has one needs
      // escaping.
      if (script.toLowerCase(Locale.ROOT).contains("</script")) {
        throw new IllegalStateException(RESOURCE + " contains '</script' and cannot be inlined");
      }
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }
}
