package dev.railway.spring;

import dev.railway.engine.Engine;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the engine's workers with the application context and stops them gracefully with it.
 *
 * <p>Its phase puts it before the web server on start and after it on stop: ToDo commands that the
 * server still accepts while it drains find a running engine, and no attempt starts after the
 * engine was asked to stop.
 */
final class RailwayLifecycle implements SmartLifecycle, DisposableBean {
  private static final Logger log = LoggerFactory.getLogger(RailwayLifecycle.class);

  /** Below the web server's phases (SmartLifecycle.DEFAULT_PHASE - 1024 and - 2048). */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

  private final Engine engine;
  private final boolean workers;
  private final Duration deadline;
  private volatile boolean running;
  private boolean stopped;

  RailwayLifecycle(Engine engine, boolean workers, Duration deadline) {
    this.engine = engine;
    this.workers = workers;
    this.deadline = deadline;
  }

  @Override
  public synchronized void start() {
    if (workers) {
      engine.startWorkers();
    }
    running = true;
  }

  @Override
  public void stop() {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    stopEngine();
  }

  private void stopEngine() {
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
    }
    long started = System.nanoTime();
    boolean clean = engine.stop(deadline);
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    if (clean) {
      log.info("Railway engine {} stopped in {} ms", engine.workerId(), took.toMillis());
    } else {
      log.warn(
          "Railway engine {} stopped after {}: attempts still running at the deadline were"
              + " interrupted; their tasks run again once their leases end",
          engine.workerId(),
          deadline);
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  /** An engine whose workers never started still holds executors: release them. */
  @Override
  public void destroy() {
    stopEngine();
  }
}
