package dev.railway.http;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JSON Schemas (2020-12, as OpenAPI 3.1 uses them) of command and read-model records, collected as
 * named components so that nested and shared records appear once.
 */
final class JsonSchemas {
  private final Map<String, Map<String, Object>> components = new LinkedHashMap<>();
  private final Map<Class<?>, String> names = new LinkedHashMap<>();

  Map<String, Map<String, Object>> components() {
    return components;
  }

  /** A reference to {@code type}'s schema, defining it (and what it uses) on first sight. */
  Map<String, Object> ref(Class<?> type) {
    return schema(type);
  }

  private Map<String, Object> schema(Type type) {
    if (type instanceof ParameterizedType p) {
      Class<?> raw = (Class<?>) p.getRawType();
      if (Collection.class.isAssignableFrom(raw)) {
        return Map.of("type", "array", "items", schema(p.getActualTypeArguments()[0]));
      }
      if (Map.class.isAssignableFrom(raw)) {
        return Map.of(
            "type", "object", "additionalProperties", schema(p.getActualTypeArguments()[1]));
      }
      if (raw == java.util.Optional.class) {
        return schema(p.getActualTypeArguments()[0]);
      }
      return schema(raw);
    }
    if (type instanceof GenericArrayType g) {
      return Map.of("type", "array", "items", schema(g.getGenericComponentType()));
    }
    if (!(type instanceof Class<?> c)) {
      return Map.of();
    }
    if (c == String.class || c == char.class || c == Character.class) {
      return Map.of("type", "string");
    }
    if (c == boolean.class || c == Boolean.class) {
      return Map.of("type", "boolean");
    }
    if (c == int.class || c == Integer.class || c == short.class || c == Short.class) {
      return Map.of("type", "integer", "format", "int32");
    }
    if (c == long.class || c == Long.class || c == BigInteger.class) {
      return Map.of("type", "integer", "format", "int64");
    }
    if (c == double.class
        || c == Double.class
        || c == float.class
        || c == Float.class
        || c == BigDecimal.class) {
      return Map.of("type", "number");
    }
    if (c == UUID.class) {
      return Map.of("type", "string", "format", "uuid");
    }
    if (c == Instant.class || c == OffsetDateTime.class || c == ZonedDateTime.class) {
      return Map.of("type", "string", "format", "date-time");
    }
    if (c == LocalDate.class) {
      return Map.of("type", "string", "format", "date");
    }
    if (c == Duration.class) {
      return Map.of("type", "string", "format", "duration");
    }
    if (c.isEnum()) {
      return Map.of(
          "type",
          "string",
          "enum",
          Arrays.stream(c.getEnumConstants()).map(String::valueOf).toList());
    }
    if (c.isArray()) {
      return Map.of("type", "array", "items", schema(c.getComponentType()));
    }
    if (c.isRecord()) {
      String name = names.get(c);
      if (name == null) {
        name = uniqueName(c);
        names.put(c, name);
        components.put(name, Map.of()); // placeholder: records may refer to themselves
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent rc : c.getRecordComponents()) {
          properties.put(rc.getName(), schema(rc.getGenericType()));
          required.add(rc.getName());
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("type", "object");
        s.put("properties", properties);
        s.put("required", required);
        s.put("additionalProperties", false);
        components.put(name, s);
      }
      return Map.of("$ref", "#/components/schemas/" + name);
    }
    return Map.of("type", "object");
  }

  private String uniqueName(Class<?> c) {
    String base = c.getSimpleName();
    String name = base;
    for (int i = 2; components.containsKey(name); i++) {
      name = base + i;
    }
    return name;
  }
}
