package dev.railway.engine;

import java.time.Clock;
import java.time.Instant;

/**
 * A monotonic time source in nanoseconds, for measuring how much of an attempt's budget is spent.
 * Production measures with {@link System#nanoTime()}, which never jumps; an engine given a clock
 * (tests, simulation) measures on that clock, so moving the clock spends the budget.
 */
@FunctionalInterface
interface Ticker {
  Ticker SYSTEM = System::nanoTime;

  long nanos();

  static Ticker of(Clock clock) {
    return () -> {
      Instant now = clock.instant();
      return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    };
  }
}
