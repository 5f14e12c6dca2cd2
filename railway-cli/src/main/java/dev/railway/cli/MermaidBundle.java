package dev.railway.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

/**
 * Mermaid's one-file browser bundle, shipped inside the CLI from the pinned {@code
 * org.webjars.npm:mermaid} webjar, so a review page renders its diagram with no network.
 */
final class MermaidBundle {
  /** The webjar's own record of its version: the build pins it, the code need not repeat it. */
  private static final String POM_PROPERTIES =
      "META-INF/maven/org.webjars.npm/mermaid/pom.properties";

  private MermaidBundle() {}

  /** The bundled Mermaid version, e.g. {@code 11.14.0}. */
  static String version() {
    try (InputStream in =
        MermaidBundle.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
      if (in == null) {
        throw new IllegalStateException(
            POM_PROPERTIES
                + " is not on the class path; the CLI was built without the mermaid webjar");
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + POM_PROPERTIES, e);
    }
  }

  /** The script's text, checked to be safe to inline in a {@code <script>} element. */
  static String script() {
    String resource = "META-INF/resources/webjars/mermaid/" + version() + "/dist/mermaid.min.js";
    try (InputStream in = MermaidBundle.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            "the Mermaid bundle "
                + resource
                + " is not on the class path; the CLI was built without the mermaid webjar");
      }
      String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      // Inlined, the script would end at the first "</script"; a bundle that has one needs
      // escaping.
      if (script.toLowerCase(Locale.ROOT).contains("</script")) {
        throw new IllegalStateException(resource + " contains '</script' and cannot be inlined");
      }
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }
}
