package dev.railway.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the broker, kept up: a supervisor thread connects, opens every subscription,
 * and starts over with growing delays when the broker closes the connection, a channel closes or a
 * consumer is cancelled. The client's own automatic recovery is off, so that there is exactly one
 * recovery path and a delivery is always acknowledged on the channel that delivered it (a stale
 * acknowledgement fails, and the broker redelivers the message, which the handlers deduplicate).
 */
final class BrokerLink implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BrokerLink.class);

  private sealed interface Event {}

  private record ConnectionLost(Connection connection, String why) implements Event {}

  private record Reopen(Subscription subscription, String why) implements Event {}

  private final ConnectionFactory factory;
  private final String name;
  private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final RetryDelays connectDelays;
  private final RetryDelays reopenDelays;
  private volatile Connection connection;
  private volatile boolean running;
  private volatile int connects;
  private Thread supervisor;

  BrokerLink(ConnectionFactory factory, String name, Duration firstDelay, Duration lastDelay) {
    this.factory = factory.clone();
    this.factory.setAutomaticRecoveryEnabled(false);
    this.factory.setTopologyRecoveryEnabled(false);
    this.name = name;
    this.connectDelays = new RetryDelays(firstDelay, lastDelay);
    this.reopenDelays = new RetryDelays(firstDelay, lastDelay);
  }

  void add(Subscription subscription) {
    subscriptions.add(subscription);
  }

  synchronized void start() {
    if (running) {
      return;
    }
    running = true;
    supervisor = Thread.ofPlatform().name("railway-amqp-" + name).daemon(true).start(this::run);
  }

  /** The current connection if it is open; publishers fail fast (and retry later) otherwise. */
  Connection connection() {
    Connection c = connection;
    if (c == null || !c.isOpen()) {
      throw new BrokerUnavailableException("not connected to the broker (" + name + ")");
    }
    return c;
  }

  /** How many times a connection was established; a test can wait for a reconnection. */
  int connects() {
    return connects;
  }

  /** A subscription lost its channel or consumer while the connection stays up. */
  void reopen(Subscription subscription, String why) {
    if (running) {
      events.add(new Reopen(subscription, why));
    }
  }

  private void run() {
    while (running) {
      try {
        if (connection == null) {
          connect();
          continue;
        }
        Event event = events.poll(1, TimeUnit.SECONDS);
        if (event instanceof ConnectionLost lost && lost.connection() == connection) {
          log.warn("connection {} lost ({}); reconnecting", name, lost.why());
          subscriptions.forEach(Subscription::close);
          connection = null;
        } else if (event instanceof Reopen r && connection != null && connection.isOpen()) {
          Thread.sleep(reopenDelays.next());
          log.warn("reopening {} ({})", r.subscription().describe(), r.why());
          openOrRetry(r.subscription());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void connect() throws InterruptedException {
    Connection c;
    try {
      c = factory.newConnection(name);
    } catch (IOException | TimeoutException | RuntimeException e) {
      Duration delay = connectDelays.next();
      log.warn("cannot connect to the broker ({}); retrying in {}: {}", name, delay, e.toString());
      Thread.sleep(delay);
      return;
    }
    c.addShutdownListener(cause -> lost(c, cause));
    connection = c;
    connects++;
    connectDelays.reset();
    for (Subscription s : subscriptions) {
      openOrRetry(s);
    }
    log.info("connected to the broker ({}): {} subscription(s)", name, subscriptions.size());
  }

  private void openOrRetry(Subscription s) {
    try {
      s.open(connection);
      reopenDelays.reset();
    } catch (IOException | RuntimeException e) {
      s.close();
      reopen(s, "opening failed: " + e);
    }
  }

  private void lost(Connection c, ShutdownSignalException cause) {
    if (running) {
      events.add(new ConnectionLost(c, String.valueOf(cause.getMessage())));
    }
  }

  /** Cancels every consumer, gives handlers {@code drain} to finish, then closes the connection. */
  void stop(Duration drain, Runnable awaitHandlers) {
    synchronized (this) {
      if (!running) {
        return;
      }
      running = false;
    }
    supervisor.interrupt();
    try {
      supervisor.join(drain.toMillis() + 5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    subscriptions.forEach(Subscription::cancel);
    awaitHandlers.run();
    subscriptions.forEach(Subscription::close);
    Connection c = connection;
    connection = null;
    if (c != null && c.isOpen()) {
      try {
        c.close(5_000);
      } catch (IOException | RuntimeException e) {
        log.debug("closing connection {}: {}", name, e.toString());
      }
    }
  }

  @Override
  public void close() {
    stop(Duration.ofSeconds(10), () -> {});
  }
}
