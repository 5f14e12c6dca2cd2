package dev.railway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Decodes a command strictly, listing every field's problem at once: unknown fields, missing fields
 * (an explicit {@code null} is allowed for a reference field: the data contract judges it), wrong
 * types. Malformed JSON is a different answer (400) from a well-formed body of the wrong shape
 * (422).
 */
final class StrictDecoder {
  private StrictDecoder() {}

  /** A decoded command, or why not. */
  sealed interface Decoded<C> {
    record Ok<C>(C command) implements Decoded<C> {}

    record Malformed<C>(String detail) implements Decoded<C> {}

    record Invalid<C>(List<FieldError> errors) implements Decoded<C> {}
  }

  static <C> Decoded<C> decode(byte[] body, Class<C> type) {
    JsonNode tree;
    try {
      tree = Json.STRICT.readTree(body);
    } catch (StreamReadException e) {
      return new Decoded.Malformed<>(
          "malformed JSON at line "
              + e.getLocation().getLineNr()
              + ", column "
              + e.getLocation().getColumnNr()
              + ": "
              + e.getOriginalMessage());
    } catch (IOException e) {
      return new Decoded.Malformed<>("malformed JSON: " + firstLine(e.getMessage()));
    }
    if (tree == null || tree.isMissingNode()) {
      return new Decoded.Malformed<>("the body is empty; send the command as a JSON object");
    }
    if (!tree.isObject()) {
      return new Decoded.Invalid<>(
          List.of(new FieldError("$", "expected a JSON object, got " + kind(tree))));
    }
    if (type.isRecord()) {
      List<FieldError> errors = fieldErrors(tree, type);
      if (!errors.isEmpty()) {
        return new Decoded.Invalid<>(errors);
      }
    }
    try {
      return new Decoded.Ok<>(Json.STRICT.treeToValue(tree, type));
    } catch (JsonProcessingException e) {
      return new Decoded.Invalid<>(List.of(error(e)));
    } catch (IllegalArgumentException e) {
      return new Decoded.Invalid<>(List.of(new FieldError("$", firstLine(e.getMessage()))));
    }
  }

  private static List<FieldError> fieldErrors(JsonNode tree, Class<?> type) {
    List<FieldError> errors = new ArrayList<>();
    Set<String> known = new LinkedHashSet<>();
    for (RecordComponent c : type.getRecordComponents()) {
      known.add(c.getName());
      JsonNode value = tree.get(c.getName());
      if (value == null) {
        errors.add(new FieldError(c.getName(), "required, missing"));
        continue;
      }
      if (value.isNull() && !c.getType().isPrimitive()) {
        continue;
      }
      try {
        Json.STRICT.treeToValue(value, Json.STRICT.constructType(c.getGenericType()));
      } catch (JsonProcessingException e) {
        FieldError inner = error(e);
        String path = inner.field().equals("$") ? c.getName() : c.getName() + inner.field();
        errors.add(new FieldError(path, inner.problem()));
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(c.getName(), firstLine(e.getMessage())));
      }
    }
    tree.fieldNames()
        .forEachRemaining(name -> {
          if (!known.contains(name)) {
            errors.add(new FieldError(name, "unknown field; expected one of " + known));
          }
        });
    return errors;
  }

  private static FieldError error(JsonProcessingException e) {
    String path = "$";
    if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
      StringBuilder b = new StringBuilder();
      for (JsonMappingException.Reference r : m.getPath()) {
        if (r.getFieldName() != null) {
          b.append('.').append(r.getFieldName());
        } else if (r.getIndex() >= 0) {
          b.append('[').append(r.getIndex()).append(']');
        }
      }
      path = b.isEmpty() ? "$" : b.toString();
    }
    String problem;
    if (e instanceof UnrecognizedPropertyException u) {
      problem = "unknown field '" + u.getPropertyName() + "'";
    } else if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
      problem =
          f.getTargetType().isEnum()
              ? "must be one of " + Arrays.toString(f.getTargetType().getEnumConstants())
              : "expected " + typeName(f.getTargetType());
    } else if (e instanceof ValueInstantiationException v && v.getCause() != null) {
      problem = firstLine(v.getCause().getMessage());
    } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
      problem = "expected " + typeName(m.getTargetType());
    } else {
      problem = firstLine(e.getOriginalMessage());
    }
    return new FieldError(path, problem);
  }

  static String typeName(Class<?> t) {
    if (t == String.class) {
      return "a string";
    }
    if (t == int.class
        || t == Integer.class
        || t == long.class
        || t == Long.class
        || t == short.class
        || t == Short.class) {
      return "an integer";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "a boolean";
    }
    if (Number.class.isAssignableFrom(t) || t == double.class || t == float.class) {
      return "a number";
    }
    if (t.isEnum()) {
      return "one of " + Arrays.toString(t.getEnumConstants());
    }
    if (java.util.Collection.class.isAssignableFrom(t) || t.isArray()) {
      return "an array";
    }
    if (t == java.util.UUID.class) {
      return "a UUID string";
    }
    if (java.time.temporal.Temporal.class.isAssignableFrom(t)) {
      return "an ISO-8601 date-time string";
    }
    return "an object (" + t.getSimpleName() + ")";
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
