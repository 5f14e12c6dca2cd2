package dev.railway.http;

import java.time.Duration;

/** A running HTTP server of ToDo endpoints. */
public interface RailwayServer extends AutoCloseable {

  /** The port it listens on. */
  int port();

  /**
   * Stops taking requests (new ones get 503), lets those in flight finish for up to {@code
   * deadline}, then closes the listener. The engine's workers are the caller's to stop after.
   *
   * @return true when every request in flight finished in time
   */
  boolean stop(Duration deadline);

  @Override
  default void close() {
    stop(Duration.ofSeconds(10));
  }
}
