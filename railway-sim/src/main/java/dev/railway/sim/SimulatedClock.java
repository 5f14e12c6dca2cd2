package dev.railway.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that moves only when the simulation moves it, shared by the store, the engines and the
 * simulated third parties. Time never runs backwards.
 */
public final class SimulatedClock extends Clock {
  /** Where every run starts, so traces of different runs line up. */
  public static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private volatile Instant now = START;

  @Override
  public Instant instant() {
    return now;
  }

  /** Time since the run started. */
  public Duration elapsed() {
    return Duration.between(START, now);
  }

  void advanceTo(Instant at) {
    if (at.isBefore(now)) {
      throw new IllegalArgumentException("simulated time cannot go back from " + now + " to " + at);
    }
    now = at;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
