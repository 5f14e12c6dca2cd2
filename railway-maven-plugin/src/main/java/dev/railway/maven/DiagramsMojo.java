package dev.railway.maven;

import dev.railway.definition.Workflow;
import dev.railway.diagram.MermaidDiagram;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.project.MavenProject;

/**
 * Writes each workflow's Mermaid diagram ({@code <name>-v<version>.mmd}) and one {@code index.html}
 * that renders them all with no network (Mermaid is bundled into the page), under {@code
 * target/railway-diagrams} by default.
 *
 * <p>Goal {@code railway:diagrams}, bound to {@code process-classes}; its parameters are declared
 * in {@code META-INF/maven/plugin.xml}.
 */
public class DiagramsMojo extends AbstractMojo {
  private MavenProject project;

  /** Classes that provide the workflows, as for {@code railway:validate}. */
  private List<String> providers;

  /** Where the files go. */
  private File outputDirectory;

  private boolean skip;

  @Override
  public void execute() throws MojoExecutionException {
    if (skip) {
      return;
    }
    List<Workflow<?>> workflows = ProjectWorkflows.load(project, providers);
    Path dir = outputDirectory.toPath();
    try {
      Files.createDirectories(dir);
      StringBuilder sections = new StringBuilder();
      for (Workflow<?> w : workflows) {
        String mermaid = MermaidDiagram.render(w);
        String file = w.name() + "-v" + w.version() + ".mmd";
        Files.writeString(dir.resolve(file), mermaid, StandardCharsets.UTF_8);
        sections
            .append("<section><h2>")
            .append(escape(w.id()))
            .append("</h2><p><a href=\"")
            .append(escape(file))
            .append("\">")
            .append(escape(file))
            .append("</a></p><pre class=\"mermaid\">\n")
            .append(escape(mermaid))
            .append("</pre></section>\n");
      }
      String html =
          "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
              + escape(project.getName() == null ? project.getArtifactId() : project.getName())
              + " workflows</title></head><body><h1>Workflows of "
              + escape(project.getArtifactId())
              + "</h1>\n"
              + sections
              + "<script>"
              + mermaidScript()
              + "</script><script>mermaid.initialize({startOnLoad:true});</script></body></html>\n";
      Files.writeString(dir.resolve("index.html"), html, StandardCharsets.UTF_8);
      getLog().info(workflows.size() + " diagram(s) written to " + dir.resolve("index.html"));
    } catch (IOException e) {
      throw new MojoExecutionException("cannot write diagrams to " + dir + ": " + e, e);
    }
  }

  /** Mermaid from the webjar on the plugin's class path: the page renders with no network. */
  private static String mermaidScript() throws IOException, MojoExecutionException {
    ClassLoader loader = DiagramsMojo.class.getClassLoader();
    Properties pom = new Properties();
    try (InputStream in =
        loader.getResourceAsStream("META-INF/maven/org.webjars.npm/mermaid/pom.properties")) {
      if (in == null) {
        throw new MojoExecutionException("the bundled Mermaid webjar is missing");
      }
      pom.load(in);
    }
    String resource =
        "META-INF/resources/webjars/mermaid/" + pom.getProperty("version") + "/dist/mermaid.min.js";
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        throw new MojoExecutionException("the bundled Mermaid script is missing: " + resource);
      }
      // A closing script tag inside the bundle would end the page's script early.
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("</script", "<\\/script");
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
