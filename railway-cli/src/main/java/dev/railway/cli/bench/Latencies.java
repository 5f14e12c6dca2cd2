package dev.railway.cli.bench;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Trigger-to-outcome latency of each instance: the trigger time is taken just before the instance
 * is started, the outcome time when the engine delivers its outcome. Outcomes are delivered at
 * least once, so only the first delivery of an instance counts.
 */
final class Latencies {
  private final Map<String, Long> triggeredAt = new ConcurrentHashMap<>();
  private final long[] nanos;
  private final AtomicInteger finished = new AtomicInteger();
  private volatile long lastOutcomeAt;

  Latencies(int instances) {
    this.nanos = new long[instances];
  }

  void triggered(String instanceId) {
    triggeredAt.put(instanceId, System.nanoTime());
  }

  void finished(String instanceId) {
    Long at = triggeredAt.remove(instanceId);
    if (at == null) {
      return; // A redelivery, or an instance of another run.
    }
    long now = System.nanoTime();
    int n = finished.getAndIncrement();
    if (n < nanos.length) {
      nanos[n] = now - at;
    }
    lastOutcomeAt = now;
  }

  int finished() {
    return finished.get();
  }

  long lastOutcomeAt() {
    return lastOutcomeAt;
  }

  /** The {@code p}-th percentile (0..100) of the finished instances, in milliseconds. */
  double percentileMs(double p) {
    int n = Math.min(finished.get(), nanos.length);
    if (n == 0) {
      return Double.NaN;
    }
    long[] sorted = Arrays.copyOf(nanos, n);
    Arrays.sort(sorted);
    int index = (int) Math.ceil(p / 100.0 * n) - 1;
    return sorted[Math.max(0, Math.min(n - 1, index))] / 1e6;
  }
}
