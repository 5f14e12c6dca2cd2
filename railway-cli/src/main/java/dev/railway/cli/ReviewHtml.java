package dev.railway.cli;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * The review page as one self-contained HTML file: the Markdown review turned into HTML, a small
 * style sheet, and Mermaid inlined so that the diagram renders offline. Once Mermaid has drawn the
 * diagram the body carries {@code data-diagram="rendered"} (or {@code "failed"} with the error in
 * the page), which tests and people can check.
 */
final class ReviewHtml {
  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

  private static final String STYLE =
      """
      body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem;
             padding: 0 1rem; color: #222; line-height: 1.45; }
      h1 { border-bottom: 3px solid #de7316; padding-bottom: .3rem; }
      h2 { margin-top: 2rem; color: #4d4d00; }
      table { border-collapse: collapse; margin: .5rem 0 1rem; }
      th, td { border: 1px solid #ccc; padding: .3rem .6rem; text-align: left;
               vertical-align: top; }
      th { background: #f3f3e6; }
      code { background: #f4f4f4; padding: 0 .2rem; border-radius: 3px; }
      pre.mermaid { background: #fff; text-align: center; }
      .diagram-error { color: #a00; white-space: pre-wrap; }
      """;

  private ReviewHtml() {}

  /** The page for {@code markdown}, with {@code mermaidScript} inlined. */
  static String render(String title, String markdown, String mermaidScript) {
    Parser parser = Parser.builder().extensions(EXTENSIONS).build();
    HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS).build();
    String body =
        renderer
            .render(parser.parse(markdown))
            // Mermaid draws <pre class="mermaid"> elements; the text stays HTML-escaped.
            .replace("<pre><code class=\"language-mermaid\">", "<pre class=\"mermaid\">")
            .replaceAll("(?s)(<pre class=\"mermaid\">.*?)</code></pre>", "$1</pre>");
    return "<!DOCTYPE html>\n"
        + "<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        + "<title>"
        + escape(title)
        + "</title>\n<style>\n"
        + STYLE
        + "</style>\n</head>\n<body data-diagram=\"pending\">\n<main>\n"
        + body
        + "</main>\n<script>\n"
        + mermaidScript
        + "\n</script>\n<script>\n"
        + "mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });\n"
        + "mermaid.run({ querySelector: 'pre.mermaid' })\n"
        + "  .then(() => document.body.setAttribute('data-diagram', 'rendered'))\n"
        + "  .catch((error) => {\n"
        + "    document.body.setAttribute('data-diagram', 'failed');\n"
        + "    const p = document.createElement('p');\n"
        + "    p.className = 'diagram-error';\n"
        + "    p.textContent = 'The diagram could not be drawn: ' + error;\n"
        + "    document.querySelector('main').prepend(p);\n"
        + "  });\n"
        + "</script>\n</body>\n</html>\n";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
