package dev.railway.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.railway.http.FieldError;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * A form generated from a command's data contract (its record's components): a choice for an enum,
 * a number field for numbers, a yes/no choice for a boolean, a text field for text, and a JSON text
 * area for anything nested. What a person typed becomes the command's JSON: a blank field is an
 * explicit {@code null} (the data contract judges it), and a value that does not fit its type is
 * sent as typed, so the strict decoder names the field and the problem.
 */
final class CommandForm {
  private CommandForm() {}

  static String render(
      Class<?> commandType, Map<String, String> values, List<FieldError> errors, String csrf) {
    StringBuilder f =
        new StringBuilder("<form method=\"post\" class=\"stack command\" novalidate>");
    f.append(Html.hidden("csrf", csrf == null ? "" : csrf));
    for (FieldError e : errors) {
      if (!isField(commandType, e.field())) {
        f.append("<p class=\"refusal\" role=\"alert\">")
            .append(Html.esc(e.problem()))
            .append("</p>");
      }
    }
    for (RecordComponent c : components(commandType)) {
      String name = c.getName();
      String id = "field-" + name;
      List<String> problems =
          errors.stream().filter(e -> e.field().equals(name)).map(FieldError::problem).toList();
      String value = values.getOrDefault(name, "");
      f.append("<div class=\"field").append(problems.isEmpty() ? "" : " invalid").append("\">");
      f.append("<label for=\"").append(id).append("\">").append(Html.esc(name));
      f.append(" <span class=\"type\">(")
          .append(Html.esc(typeName(c.getType())))
          .append(")</span>");
      f.append("</label>");
      String described =
          problems.isEmpty() ? "" : " aria-invalid=\"true\" aria-describedby=\"" + id + "-error\"";
      Class<?> t = c.getType();
      if (t.isEnum()) {
        f.append("<select id=\"")
            .append(id)
            .append("\" name=\"")
            .append(name)
            .append("\"")
            .append(described)
            .append("><option value=\"\">— choose —</option>");
        for (Object constant : t.getEnumConstants()) {
          String v = ((Enum<?>) constant).name();
          f.append("<option value=\"")
              .append(Html.esc(v))
              .append("\"")
              .append(v.equals(value) ? " selected" : "")
              .append(">")
              .append(Html.esc(v))
              .append("</option>");
        }
        f.append("</select>");
      } else if (t == boolean.class || t == Boolean.class) {
        f.append("<select id=\"")
            .append(id)
            .append("\" name=\"")
            .append(name)
            .append("\"")
            .append(described)
            .append("><option value=\"\">— choose —</option>");
        for (String v : List.of("true", "false")) {
          f.append("<option value=\"")
              .append(v)
              .append("\"")
              .append(v.equals(value) ? " selected" : "")
              .append(">")
              .append(v.equals("true") ? "yes" : "no")
              .append("</option>");
        }
        f.append("</select>");
      } else if (isText(t) || isNumber(t)) {
        f.append("<input id=\"")
            .append(id)
            .append("\" name=\"")
            .append(name)
            .append("\"")
            .append(isNumber(t) ? " inputmode=\"decimal\"" : "")
            .append(" value=\"")
            .append(Html.esc(value))
            .append("\"")
            .append(described)
            .append(">");
      } else {
        f.append("<textarea id=\"")
            .append(id)
            .append("\" name=\"")
            .append(name)
            .append("\" rows=\"4\"")
            .append(described)
            .append(">")
            .append(Html.esc(value))
            .append("</textarea>");
      }
      if (!problems.isEmpty()) {
        f.append("<p class=\"field-error\" id=\"")
            .append(id)
            .append("-error\">")
            .append(Html.esc(String.join("; ", problems)))
            .append("</p>");
      }
      f.append("</div>");
    }
    f.append("<button type=\"submit\" id=\"decide\">Send</button></form>");
    return f.toString();
  }

  /** The command's JSON from the posted form fields. */
  static byte[] json(Class<?> commandType, Map<String, String> values) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    for (RecordComponent c : components(commandType)) {
      String raw = values.getOrDefault(c.getName(), "").strip();
      o.set(c.getName(), node(c.getType(), raw));
    }
    return o.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static JsonNode node(Class<?> t, String raw) {
    JsonNodeFactory n = JsonNodeFactory.instance;
    if (raw.isEmpty()) {
      return n.nullNode();
    }
    if (t == boolean.class || t == Boolean.class) {
      return raw.equals("true")
          ? n.booleanNode(true)
          : raw.equals("false") ? n.booleanNode(false) : n.textNode(raw);
    }
    if (isNumber(t)) {
      try {
        return n.numberNode(new BigDecimal(raw));
      } catch (NumberFormatException e) {
        return n.textNode(raw);
      }
    }
    if (isText(t) || t.isEnum()) {
      return n.textNode(raw);
    }
    try {
      return ConsoleRoutes.JSON.readTree(raw);
    } catch (java.io.IOException e) {
      return n.textNode(raw);
    }
  }

  private static List<RecordComponent> components(Class<?> type) {
    return type.isRecord() ? List.of(type.getRecordComponents()) : List.of();
  }

  private static boolean isField(Class<?> type, String field) {
    return components(type).stream().anyMatch(c -> c.getName().equals(field));
  }

  private static boolean isText(Class<?> t) {
    return t == String.class
        || t == java.util.UUID.class
        || t == java.time.Instant.class
        || t == java.time.LocalDate.class
        || t == java.time.Duration.class
        || t == char.class
        || t == Character.class;
  }

  private static boolean isNumber(Class<?> t) {
    return t == int.class
        || t == long.class
        || t == short.class
        || t == byte.class
        || t == double.class
        || t == float.class
        || Number.class.isAssignableFrom(t)
        || t == BigDecimal.class
        || t == BigInteger.class;
  }

  private static String typeName(Class<?> t) {
    if (t.isEnum()) {
      return "one of the choices";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "yes or no";
    }
    if (t == int.class
        || t == long.class
        || t == Integer.class
        || t == Long.class
        || t == BigInteger.class
        || t == short.class) {
      return "whole number";
    }
    if (isNumber(t)) {
      return "number";
    }
    if (isText(t)) {
      return "text";
    }
    return "JSON";
  }
}
