package dev.railway.cli.demo;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Decides, from a seed, what goes wrong with each simulated third-party call, and counts it. The
 * faults are the ones that break integrations: an error before anything happened, a response lost
 * after the effect, a response slower than the attempt timeout, and (for opaque APIs) an error that
 * proves nothing was done.
 */
public final class FaultInjector {
  /** What goes wrong with one call. */
  public enum Fault {
    NONE,
    ERROR,
    LOST_RESPONSE,
    TOO_SLOW,
    NOTHING_DONE
  }

  private final SplittableRandom random;
  private final double rate;
  private final AtomicLongArray counts = new AtomicLongArray(Fault.values().length);

  /** {@code rate} is the chance that a call goes wrong in some way (0 disables faults). */
  public FaultInjector(long seed, double rate) {
    this.random = new SplittableRandom(seed);
    this.rate = rate;
  }

  public synchronized Fault next(boolean opaque) {
    double roll = random.nextDouble();
    Fault fault;
    if (roll >= rate) {
      fault = Fault.NONE;
    } else {
      double kind = roll / rate;
      if (kind < 0.45) {
        fault = Fault.ERROR;
      } else if (kind < 0.75) {
        fault = Fault.LOST_RESPONSE;
      } else if (kind < 0.9 || !opaque) {
        fault = Fault.TOO_SLOW;
      } else {
        fault = Fault.NOTHING_DONE;
      }
    }
    counts.incrementAndGet(fault.ordinal());
    return fault;
  }

  public long count(Fault fault) {
    return counts.get(fault.ordinal());
  }
}
