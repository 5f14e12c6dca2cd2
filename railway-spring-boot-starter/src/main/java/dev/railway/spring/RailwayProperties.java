package dev.railway.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The {@code railway.*} configuration. Every value is checked when the application starts, and a
 * bad one stops it with a message that shows the value.
 *
 * @param enabled whether to configure Railway at all (default true)
 * @param store where instances are kept: {@code auto} (the application's PostgreSQL {@code
 *     DataSource} when it has one, else an embedded SQLite file), {@code postgres} or {@code
 *     sqlite}
 * @param sqlite the embedded store
 * @param postgres the store on the application's PostgreSQL {@code DataSource}
 * @param workerId this process's worker id in leases and lock owners (default: generated)
 * @param workers whether this process runs tasks and delivers outcomes (default true); false for
 *     processes that only start workflows and answer ToDos
 * @param shutdownDeadline how long in-flight attempts may take to finish when the application stops
 *     (default 30 s); what is still running then is interrupted, and its task runs again elsewhere
 *     once its lease ends
 * @param pollInterval the longest an idle engine waits before looking for due work (default 200 ms)
 * @param health the Actuator health indicator
 * @param http the ToDo endpoints on the application's web server
 */
@ConfigurationProperties("railway")
public record RailwayProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("auto") StoreKind store,
    @DefaultValue Sqlite sqlite,
    @DefaultValue Postgres postgres,
    String workerId,
    @DefaultValue("true") boolean workers,
    @DefaultValue("30s") Duration shutdownDeadline,
    @DefaultValue("200ms") Duration pollInterval,
    @DefaultValue Health health,
    @DefaultValue Http http) {

  private static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  public RailwayProperties {
    if (workerId != null && !WORKER_ID.matcher(workerId).matches()) {
      throw new IllegalArgumentException(
          "railway.worker-id must be 1 to 100 letters, digits or . _ : -; was '" + workerId + "'");
    }
    positive("railway.shutdown-deadline", shutdownDeadline, Duration.ZERO);
    positive("railway.poll-interval", pollInterval, Duration.ofMillis(1));
    if (pollInterval.compareTo(Duration.ofMinutes(1)) > 0) {
      throw new IllegalArgumentException(
          "railway.poll-interval must be at most 1 minute; was " + pollInterval);
    }
  }

  static void positive(String name, Duration value, Duration least) {
    if (value == null || value.compareTo(least) < 0) {
      throw new IllegalArgumentException(
          name + " must be at least " + least.toMillis() + " ms; was " + value);
    }
  }

  /** Where instances are kept. */
  public enum StoreKind {
    /** The application's PostgreSQL {@code DataSource} if there is one, else SQLite. */
    AUTO,
    /** The application's {@code DataSource}, which must be PostgreSQL. */
    POSTGRES,
    /** An embedded SQLite file, whatever else the application has. */
    SQLITE
  }

  /**
   * @param path the SQLite file, created if missing (default {@code railway.db} in the working
   *     directory)
   */
  public record Sqlite(@DefaultValue("railway.db") Path path) {
    public Sqlite {
      if (path == null || path.toString().isBlank()) {
        throw new IllegalArgumentException(
            "railway.sqlite.path must not be blank; was '" + path + "'");
      }
    }
  }

  /**
   * @param schema the schema holding Railway's tables, created if missing (default {@code
   *     railway}); lower-case letters, digits and {@code _}
   * @param maxConnections most connections of the application's pool that Railway holds at once
   *     (default 4), so that the application keeps the rest
   * @param connectionTimeout how long a store call waits for its turn on those connections (default
   *     5 s)
   */
  public record Postgres(
      @DefaultValue("railway") String schema,
      @DefaultValue("4") int maxConnections,
      @DefaultValue("5s") Duration connectionTimeout) {
    public Postgres {
      if (maxConnections < 1 || maxConnections > 1000) {
        throw new IllegalArgumentException(
            "railway.postgres.max-connections must be between 1 and 1000; was " + maxConnections);
      }
      positive("railway.postgres.connection-timeout", connectionTimeout, Duration.ofMillis(250));
    }
  }

  /**
   * @param overdueAfter a due task waiting longer than this is reported as overdue (default 1 min)
   */
  public record Health(@DefaultValue("1m") Duration overdueAfter) {
    public Health {
      positive("railway.health.overdue-after", overdueAfter, Duration.ofMillis(1));
    }
  }

  /**
   * @param enabled whether to serve the ToDo endpoints when {@code railway-http} and Spring MVC are
   *     on the class path (default true)
   * @param basePath the path they are served under (default {@code /railway})
   * @param maxBodySize the largest command body accepted (default 64KB)
   */
  public record Http(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("/railway") String basePath,
      @DefaultValue("64KB") DataSize maxBodySize) {
    private static final Pattern BASE = Pattern.compile("(/[A-Za-z0-9._~-]+)+");

    public Http {
      if (basePath == null || !BASE.matcher(basePath).matches()) {
        throw new IllegalArgumentException(
            "railway.http.base-path must be a path like /railway (segments of letters, digits and"
                + " . _ ~ -, no trailing /); was '"
                + basePath
                + "'");
      }
      if (maxBodySize == null
          || maxBodySize.toBytes() < 1
          || maxBodySize.toBytes() > 16L * 1024 * 1024) {
        throw new IllegalArgumentException(
            "railway.http.max-body-size must be between 1B and 16MB; was " + maxBodySize);
      }
    }
  }
}
