package dev.railway.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when a test moves it; shared by the store and the engine. */
final class TestClock extends Clock {
  static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(START);

  void advance(Duration by) {
    now.updateAndGet(t -> t.plus(by));
  }

  /** Moves to {@code at}; time never runs backwards, so an earlier instant is refused. */
  void set(Instant at) {
    Instant before = now.getAndUpdate(t -> at.isBefore(t) ? t : at);
    if (at.isBefore(before)) {
      throw new IllegalArgumentException("test clock cannot go back from " + before + " to " + at);
    }
  }

  @Override
  public Instant instant() {
    return now.get();
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
