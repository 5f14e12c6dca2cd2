package dev.railway.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when it is moved: give the same one to the store, the engine and any
 * simulated third party, and time is what the test or simulation says it is. Safe to read and move
 * from many threads. Time never runs backwards: moving it to an earlier instant is refused, because
 * the store and the engine take "later" to mean later (leases, locks, deadlines).
 */
public final class SettableClock extends Clock {
  /** Where a clock made with {@link #SettableClock()} starts, so traces of runs line up. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final Instant start;
  private final AtomicReference<Instant> now;
  private final ZoneId zone;

  /** A clock at {@link #START}. */
  public SettableClock() {
    this(START);
  }

  /** A clock at {@code start}. */
  public SettableClock(Instant start) {
    this(Objects.requireNonNull(start, "start"), new AtomicReference<>(start), ZoneOffset.UTC);
  }

  private SettableClock(Instant start, AtomicReference<Instant> now, ZoneId zone) {
    this.start = start;
    this.now = now;
    this.zone = zone;
  }

  /**
   * Moves the clock forward by {@code amount} and returns the new time.
   *
   * @throws IllegalArgumentException for a negative amount, showing it
   */
  public Instant advance(Duration amount) {
    if (amount.isNegative()) {
      throw new IllegalArgumentException(
          "a settable clock cannot go back; was advanced by " + amount);
    }
    return now.updateAndGet(t -> t.plus(amount));
  }

  /**
   * Moves the clock to {@code at}.
   *
   * @throws IllegalArgumentException when {@code at} is before the clock's time, showing both
   */
  public void set(Instant at) {
    Objects.requireNonNull(at, "at");
    Instant before = now.getAndUpdate(t -> at.isBefore(t) ? t : at);
    if (at.isBefore(before)) {
      throw new IllegalArgumentException(
          "a settable clock cannot go back from " + before + " to " + at);
    }
  }

  /** Time since the clock's start. */
  public Duration elapsed() {
    return Duration.between(start, now.get());
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  /** The same settable time seen in another zone: moving either moves both. */
  @Override
  public Clock withZone(ZoneId zone) {
    return new SettableClock(start, now, Objects.requireNonNull(zone, "zone"));
  }
}
