package dev.railway.jdbc;

import dev.railway.store.Store;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hears the schema's due-work notifications on a connection of its own (outside the pool: a
 * listening connection must stay open and idle) and wakes the subscribers. When the connection
 * drops it reconnects with a growing backoff, and wakes everyone once it is back, since
 * notifications sent meanwhile are lost.
 */
final class DueWorkListener implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DueWorkListener.class);

  /** How long one wait for notifications blocks, so that closing is noticed promptly. */
  private static final int WAIT_MILLIS = 500;

  private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
  private static final Duration LAST_BACKOFF = Duration.ofSeconds(5);

  private final String url;
  private final Properties properties;
  private final String channel;
  private final List<Runnable> subscribers = new CopyOnWriteArrayList<>();
  private final Object lifecycle = new Object();
  private Thread thread;
  private volatile boolean closed;
  private volatile long connections;

  /**
   * @param properties driver properties (user, password, application name)
   */
  DueWorkListener(String url, Properties properties, String channel) {
    this.url = url;
    this.properties = properties;
    this.channel = channel;
  }

  /** Starts listening with the first subscriber. */
  Store.Subscription subscribe(Runnable wake) {
    subscribers.add(wake);
    synchronized (lifecycle) {
      if (thread == null && !closed) {
        thread =
            Thread.ofPlatform().name("railway-listen-" + channel).daemon(true).start(this::run);
      }
    }
    return () -> subscribers.remove(wake);
  }

  /** How many times the listener has connected so far; for tests and diagnostics. */
  long connections() {
    return connections;
  }

  private void run() {
    Duration backoff = FIRST_BACKOFF;
    while (!closed) {
      try (Connection c = DriverManager.getConnection(url, properties)) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN \"" + channel + "\"");
        }
        connections++;
        backoff = FIRST_BACKOFF;
        // Whatever was notified while we were not listening is lost: look once.
        wakeAll();
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!closed) {
          var notifications = pg.getNotifications(WAIT_MILLIS);
          if (notifications != null && notifications.length > 0) {
            wakeAll();
          }
        }
      } catch (SQLException e) {
        if (closed) {
          return;
        }
        log.warn(
            "listening for due work on {} failed; reconnecting in {}: {}",
            channel,
            backoff,
            e.toString());
        if (!sleep(backoff)) {
          return;
        }
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : doubled;
      }
    }
  }

  private void wakeAll() {
    for (Runnable wake : subscribers) {
      try {
        wake.run();
      } catch (RuntimeException e) {
        log.warn("a due-work subscriber failed: {}", e.toString());
      }
    }
  }

  private static boolean sleep(Duration backoff) {
    try {
      Thread.sleep(backoff);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    Thread running;
    synchronized (lifecycle) {
      closed = true;
      running = thread;
    }
    if (running == null) {
      return;
    }
    // The wait for notifications returns within WAIT_MILLIS and sees the flag.
    running.interrupt();
    try {
      running.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
