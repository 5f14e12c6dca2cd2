package dev.railway.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;

/**
 * How the store keeps an {@link Instant}: nanoseconds since the epoch in a 64-bit integer. Exact
 * for every instant a Java clock gives (nanosecond precision), ordered by integer comparison in
 * SQL, and the same in every dialect. The price is the range, 1677 to 2262; anything outside is
 * refused rather than silently clamped.
 */
final class EpochNanos {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private EpochNanos() {}

  static long of(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "instant "
              + instant
              + " is outside what the store can keep ("
              + toInstant(Long.MIN_VALUE)
              + " to "
              + toInstant(Long.MAX_VALUE)
              + ")",
          e);
    }
  }

  static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }

  static void bind(PreparedStatement statement, int index, Instant instant) throws SQLException {
    if (instant == null) {
      statement.setNull(index, Types.BIGINT);
    } else {
      statement.setLong(index, of(instant));
    }
  }

  /** The instant in {@code column}, or null. */
  static Instant read(ResultSet row, String column) throws SQLException {
    long nanos = row.getLong(column);
    return row.wasNull() ? null : toInstant(nanos);
  }
}
