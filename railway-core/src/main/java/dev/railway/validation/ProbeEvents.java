package dev.railway.validation;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Builds sample events from their type alone, so an identifier can be probed without user data.
 * Values are derived from the component names only: two calls build equal but distinct events.
 * Types it cannot build (interfaces that are not sealed, arrays, classes, records whose constructor
 * rejects the sample values) yield no sample.
 */
final class ProbeEvents {
  /** Bounds recursive records (a record holding itself) and deep nesting. */
  private static final int MAX_DEPTH = 8;

  private static final Instant INSTANT = Instant.parse("2024-01-02T03:04:05Z");

  private ProbeEvents() {}

  /**
   * One sample per concrete event type: the record itself, or every permitted record of a sealed
   * interface (through nested sealed interfaces), in declaration order. Empty when none can be
   * built.
   */
  static List<Object> samples(Class<?> type) {
    List<Object> samples = new ArrayList<>();
    for (Class<?> concrete : concreteTypes(type)) {
      try {
        samples.add(value(concrete, concrete.getSimpleName(), 0));
      } catch (CannotBuild skipped) {
        // A type we cannot build is not probed: the probe only reports what it can show.
      }
    }
    return samples;
  }

  private static List<Class<?>> concreteTypes(Class<?> type) {
    if (type.isRecord()) {
      return List.of(type);
    }
    List<Class<?>> types = new ArrayList<>();
    if (type.isSealed()) {
      for (Class<?> permitted : type.getPermittedSubclasses()) {
        types.addAll(concreteTypes(permitted));
      }
    }
    return types;
  }

  private static Object value(Class<?> type, String hint, int depth) throws CannotBuild {
    Object simple = simpleValue(type, hint);
    if (simple != null) {
      return simple;
    }
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      if (constants.length == 0) {
        throw new CannotBuild();
      }
      return constants[0];
    }
    if (depth >= MAX_DEPTH) {
      throw new CannotBuild();
    }
    if (type.isRecord()) {
      return record(type, depth);
    }
    if (type.isSealed()) {
      for (Class<?> concrete : concreteTypes(type)) {
        try {
          return value(concrete, hint, depth + 1);
        } catch (CannotBuild next) {
          // try the next permitted subtype
        }
      }
    }
    throw new CannotBuild();
  }

  private static Object record(Class<?> type, int depth) throws CannotBuild {
    RecordComponent[] components = type.getRecordComponents();
    Class<?>[] types = new Class<?>[components.length];
    Object[] args = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      args[i] = value(types[i], components[i].getName(), depth + 1);
    }
    try {
      Constructor<?> constructor = type.getDeclaredConstructor(types);
      if (!constructor.trySetAccessible()) {
        throw new CannotBuild();
      }
      return constructor.newInstance(args);
    } catch (InvocationTargetException rejected) {
      // The record's own checks rejected the sample values: we cannot build a valid event.
      throw new CannotBuild();
    } catch (ReflectiveOperationException | RuntimeException inaccessible) {
      throw new CannotBuild();
    }
  }

  /** Values of the JDK types events commonly hold; null when {@code type} is not one of them. */
  private static Object simpleValue(Class<?> type, String hint) {
    String text = "probe-" + hint;
    if (type == String.class || type == CharSequence.class) {
      return text;
    }
    if (type == UUID.class) {
      return UUID.nameUUIDFromBytes(text.getBytes(StandardCharsets.UTF_8));
    }
    if (type == int.class || type == Integer.class) {
      return 1;
    }
    if (type == long.class || type == Long.class) {
      return 1L;
    }
    if (type == short.class || type == Short.class) {
      return (short) 1;
    }
    if (type == byte.class || type == Byte.class) {
      return (byte) 1;
    }
    if (type == double.class || type == Double.class) {
      return 1.0d;
    }
    if (type == float.class || type == Float.class) {
      return 1.0f;
    }
    if (type == boolean.class || type == Boolean.class) {
      return true;
    }
    if (type == char.class || type == Character.class) {
      return 'a';
    }
    if (type == BigDecimal.class) {
      return new BigDecimal("1.00");
    }
    if (type == BigInteger.class) {
      return BigInteger.ONE;
    }
    if (type == Instant.class) {
      return INSTANT;
    }
    if (type == Duration.class) {
      return Duration.ofMinutes(1);
    }
    if (type == LocalDate.class) {
      return LocalDate.ofInstant(INSTANT, ZoneOffset.UTC);
    }
    if (type == LocalDateTime.class) {
      return LocalDateTime.ofInstant(INSTANT, ZoneOffset.UTC);
    }
    if (type == LocalTime.class) {
      return LocalTime.ofInstant(INSTANT, ZoneOffset.UTC);
    }
    if (type == OffsetDateTime.class) {
      return OffsetDateTime.ofInstant(INSTANT, ZoneOffset.UTC);
    }
    if (type == ZonedDateTime.class) {
      return ZonedDateTime.ofInstant(INSTANT, ZoneOffset.UTC);
    }
    if (type == URI.class) {
      return URI.create("urn:probe:" + hint);
    }
    if (type == List.class || type == Collection.class || type == Iterable.class) {
      return List.of();
    }
    if (type == Set.class) {
      return Set.of();
    }
    if (type == Map.class) {
      return Map.of();
    }
    if (type == Optional.class) {
      return Optional.empty();
    }
    return null;
  }

  /** Control flow only: a type that cannot be built from its declaration. */
  private static final class CannotBuild extends Exception {
    private static final long serialVersionUID = 1L;

    CannotBuild() {
      super(null, null, false, false);
    }
  }
}
