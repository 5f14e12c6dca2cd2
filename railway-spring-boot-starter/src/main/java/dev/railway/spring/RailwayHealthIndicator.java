package dev.railway.spring;

import dev.railway.engine.Engine;
import dev.railway.engine.EngineHealth;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;

/**
 * Railway in {@code /actuator/health}: DOWN when the store cannot be reached or this process's
 * workers stopped going round (a restart can help); UP otherwise, with a {@code warnings} detail
 * for parked outcomes and overdue tasks. Those two stay UP on purpose: they need a person (a
 * listener to fix, more workers), and a probe that restarted the process for them would only make
 * things worse. Every number is in the details.
 */
final class RailwayHealthIndicator extends AbstractHealthIndicator {
  private final Engine engine;
  private final boolean workers;
  private final Duration overdueAfter;

  RailwayHealthIndicator(Engine engine, boolean workers, Duration overdueAfter) {
    super("Railway health check failed");
    this.engine = engine;
    this.workers = workers;
    this.overdueAfter = overdueAfter;
  }

  @Override
  protected void doHealthCheck(Health.Builder builder) {
    EngineHealth h = engine.health();
    boolean workersAlive = !workers || h.claimLoopAlive();
    builder
        .withDetail("workerId", engine.workerId())
        .withDetail("storeReachable", h.storeReachable())
        .withDetail("workersAlive", workers ? h.claimLoopAlive() : "not run in this process")
        .withDetail("inFlight", h.inFlight())
        .withDetail("maxInFlight", h.maxInFlight());
    if (h.storeUnavailableSince() != null) {
      builder.withDetail("storeUnavailableSince", h.storeUnavailableSince().toString());
    }
    if (h.parkedOutcomes() >= 0) {
      builder.withDetail("parkedOutcomes", h.parkedOutcomes());
    }
    if (h.oldestDueLag() != null) {
      builder.withDetail("oldestDueLag", h.oldestDueLag().toString());
    }
    List<String> warnings = new ArrayList<>();
    if (h.parkedOutcomes() > 0) {
      warnings.add(
          h.parkedOutcomes()
              + " outcome(s) parked after failed deliveries: fix the listener, then unpark them");
    }
    if (h.oldestDueLag() != null && h.oldestDueLag().compareTo(overdueAfter) > 0) {
      warnings.add(
          "the oldest due task has waited "
              + h.oldestDueLag()
              + ", longer than railway.health.overdue-after="
              + overdueAfter);
    }
    if (!warnings.isEmpty()) {
      builder.withDetail("warnings", warnings);
    }
    boolean up = h.storeReachable() && h.storeUnavailableSince() == null && workersAlive;
    if (up) {
      builder.up();
    } else {
      builder.down();
    }
  }
}
