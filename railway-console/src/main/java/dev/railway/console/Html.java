package dev.railway.console;

import dev.railway.definition.Principal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Escaping and the page frame every console page shares: the only place that writes markup. */
final class Html {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'UTC'").withZone(ZoneOffset.UTC);

  private Html() {}

  /** Text safe inside an element or a double-quoted attribute. */
  static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String url(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
  }

  static String time(Instant instant) {
    return instant == null ? "—" : TIME.format(instant);
  }

  /** The simple name of a stored event type ({@code dev.example.OrderPlaced} → OrderPlaced). */
  static String simple(String type) {
    if (type == null) {
      return "";
    }
    String s = type.substring(type.lastIndexOf('.') + 1);
    return s.substring(s.lastIndexOf('$') + 1);
  }

  /**
   * A whole page: a skip link, the navigation for {@code principal} (operators see the operator
   * pages), the sign-out form, and {@code body} inside {@code main}.
   */
  static String page(
      String title, Principal principal, boolean operator, String csrf, String body) {
    StringBuilder nav = new StringBuilder();
    if (principal != null) {
      nav.append("<nav aria-label=\"Console\"><ul>");
      if (operator) {
        nav.append(link("/console/", "Workflows"))
            .append(link("/console/instances", "Instances"))
            .append(link("/console/attention", "Attention"));
      }
      nav.append(link("/console/inbox", "Inbox")).append("</ul></nav>");
      nav.append("<form class=\"signout\" method=\"post\" action=\"/console/signout\">")
          .append("<span>Signed in as <strong>")
          .append(esc(principal.name()))
          .append("</strong></span>")
          .append(hidden("csrf", csrf))
          .append("<button type=\"submit\">Sign out</button></form>");
    }
    return "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>"
        + esc(title)
        + " · Railway console</title>"
        + "<link rel=\"stylesheet\" href=\"/console/assets/console.css\"></head><body>"
        + "<a class=\"skip\" href=\"#main\">Skip to content</a>"
        + "<header><span class=\"brand\">Railway console</span>"
        + nav
        + "</header><main id=\"main\" tabindex=\"-1\"><h1>"
        + esc(title)
        + "</h1>"
        + body
        + "</main></body></html>";
  }

  static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\"" + esc(name) + "\" value=\"" + esc(value) + "\">";
  }

  private static String link(String href, String text) {
    return "<li><a href=\"" + href + "\">" + esc(text) + "</a></li>";
  }
}
