package dev.railway.definition;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Argument checks shared by the builders; every message shows the offending value. */
final class Checks {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

  private Checks() {}

  static String name(String value, String what) {
    if (value == null) {
      throw new NullPointerException(what + " must not be null");
    }
    if (!NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what
              + " must start with a letter or digit and use only letters, digits, '-', '_' and"
              + " '.'; was '"
              + value
              + "'");
    }
    return value;
  }

  static <T> T notNull(T value, String what) {
    return Objects.requireNonNull(value, () -> what + " must not be null");
  }

  static Duration positive(Duration value, String what) {
    notNull(value, what);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(what + " must be positive; was " + value);
    }
    return value;
  }

  static Duration notNegative(Duration value, String what) {
    notNull(value, what);
    if (value.isNegative()) {
      throw new IllegalArgumentException(what + " must not be negative; was " + value);
    }
    return value;
  }

  static int atLeast(int value, int min, String what) {
    if (value < min) {
      throw new IllegalArgumentException(what + " must be at least " + min + "; was " + value);
    }
    return value;
  }

  static Class<?> eventType(Class<?> type, String what) {
    notNull(type, what);
    if (!type.isRecord()) {
      throw new IllegalArgumentException(
          what + " must be a record type (events are immutable data); was " + type.getName());
    }
    return type;
  }
}
