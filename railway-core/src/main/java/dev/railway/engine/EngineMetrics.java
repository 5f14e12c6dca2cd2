package dev.railway.engine;

import dev.railway.definition.Cause;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The engine's Micrometer meters, named {@code railway.*} and tagged by workflow and task. */
final class EngineMetrics {
  private final MeterRegistry registry;

  EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void attemptStarted(String workflow, String task, String kind) {
    counter("railway.tasks.started", workflow, task, "kind", kind).increment();
  }

  void decided(String workflow, String task, String kind, Cause cause, Class<?> event) {
    Counter.builder("railway.tasks.decided")
        .tags("workflow", workflow, "task", task, "kind", kind)
        .tag("cause", cause.name().toLowerCase(java.util.Locale.ROOT))
        .tag("event", event.getSimpleName())
        .register(registry)
        .increment();
    if (cause == Cause.EXPIRY) {
      counter("railway.tasks.expired", workflow, task, "kind", kind).increment();
    }
    if (cause == Cause.POSSIBLE_FAILURE) {
      counter("railway.tasks.possible_failures", workflow, task, "kind", kind).increment();
    }
  }

  /** A confirmed result reached after the task's expiry was recorded: see TaskRunner. */
  void resultAfterExpiry(String workflow, String task) {
    counter("railway.tasks.result_after_expiry", workflow, task, "kind", "state").increment();
  }

  void retried(String workflow, String task) {
    counter("railway.tasks.retried", workflow, task, "kind", "state").increment();
  }

  void faulted(String workflow, String task, Throwable error) {
    counter("railway.tasks.faulted", workflow, task, "error", error.getClass().getSimpleName())
        .increment();
  }

  void aborted(String workflow, String task) {
    counter("railway.tasks.aborted", workflow, task, "kind", "state").increment();
  }

  void attemptLatency(String workflow, String task, Duration latency) {
    Timer.builder("railway.attempt.latency")
        .tags("workflow", workflow, "task", task)
        .register(registry)
        .record(latency);
  }

  void queueLag(Duration lag) {
    Timer.builder("railway.queue.lag")
        .register(registry)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  void outcomesDelivered(int count) {
    Counter.builder("railway.outcomes.delivered").register(registry).increment(count);
  }

  void outcomeFailed(String workflow) {
    Counter.builder("railway.outcomes.failed")
        .tag("workflow", workflow)
        .register(registry)
        .increment();
  }

  /** Parked outcomes wait for an operator: {@code Store.parkedOutcomes} lists them. */
  void outcomeParked(String workflow) {
    Counter.builder("railway.outcomes.parked")
        .tag("workflow", workflow)
        .register(registry)
        .increment();
  }

  private Counter counter(String name, String workflow, String task, String k, String v) {
    return Counter.builder(name).tags("workflow", workflow, "task", task, k, v).register(registry);
  }
}
