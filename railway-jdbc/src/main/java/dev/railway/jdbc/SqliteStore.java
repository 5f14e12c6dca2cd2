package dev.railway.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file, owned by one process. Commits are durable ({@code WAL} with
 * {@code synchronous=FULL}: a committed decision survives a power cut), and the schema is migrated
 * when the file is opened.
 *
 * <p>The store's clock, which times locks and leases, is the {@link Clock} given to {@link
 * #open(Path, Clock)}: with one process on one machine there is no other clock to agree with.
 *
 * <p>Thread-safe: many threads, virtual or not, may call one store; it serializes them.
 */
public final class SqliteStore extends JdbcStore {

  /** Where the command line keeps its store unless told otherwise: {@code ./railway.db}. */
  public static final Path DEFAULT_PATH = Path.of("railway.db");

  /**
   * How long a call waits for another process holding the file's write lock: no longer than the
   * default lock grace, so a result reached at the end of an attempt's budget is recorded before
   * its lock expires (see {@link #longestWait()}).
   */
  static final Duration BUSY_TIMEOUT = Duration.ofSeconds(5);

  /**
   * How long a call waits for its turn on the store's one connection: bounded like every other
   * wait, and long enough for a queue of callers each holding it for up to {@link #BUSY_TIMEOUT}.
   */
  static final Duration CONNECTION_WAIT = Duration.ofSeconds(30);

  private static final byte[] SQLITE_HEADER = "SQLite format 3\0".getBytes(StandardCharsets.UTF_8);

  private final Path path;

  private SqliteStore(Path path, Connection connection, SqliteDialect dialect) {
    super(new SerializedConnection(connection, CONNECTION_WAIT), dialect, path.toString());
    this.path = path;
  }

  @Override
  public Duration longestWait() {
    return BUSY_TIMEOUT;
  }

  /** Opens (creating if needed) the store in {@code file}, timed by the system clock. */
  public static SqliteStore open(Path file) {
    return open(file, Clock.systemUTC());
  }

  /**
   * Opens the store in {@code file}, creating the file if it does not exist and migrating its
   * schema to this version of Railway.
   *
   * @param clock the store's clock: lock and lease times, stream timestamps
   * @throws IllegalArgumentException when the path cannot hold a store: a directory, a missing or
   *     read-only directory, a read-only file, or a file that is not a SQLite database
   * @throws IllegalStateException when the database cannot be used: written by a newer Railway,
   *     holding tables that are not Railway's, or failing to open or migrate (the message names the
   *     file and the cause)
   */
  public static SqliteStore open(Path file, Clock clock) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    Path path = file.toAbsolutePath().normalize();
    checkUsable(path);
    SqliteDialect dialect = new SqliteDialect(clock);
    Connection connection = connect(path);
    try {
      new Migrations(dialect, path.toString()).apply(connection);
      return new SqliteStore(path, connection, dialect);
    } catch (SQLException e) {
      closeQuietly(connection, e);
      throw new IllegalStateException(
          "cannot open SQLite store " + path + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      closeQuietly(connection, e);
      throw e;
    }
  }

  /** The database file, absolute. */
  public Path path() {
    return path;
  }

  /** The schema version this code creates and expects. */
  public static int schemaVersion() {
    return new SqliteDialect(Clock.systemUTC()).migrations().size();
  }

  /** Refuses, before SQLite touches anything, every path that cannot be or hold our store. */
  private static void checkUsable(Path path) {
    if (Files.isDirectory(path)) {
      throw refused(path, "it is a directory; give the path of a database file inside it");
    }
    Path directory = path.getParent();
    if (!Files.exists(directory)) {
      throw refused(path, "its directory " + directory + " does not exist");
    }
    if (!Files.isDirectory(directory)) {
      throw refused(path, directory + " is not a directory");
    }
    if (!Files.exists(path)) {
      if (!Files.isWritable(directory)) {
        throw refused(path, "its directory " + directory + " is not writable");
      }
      return;
    }
    if (!Files.isRegularFile(path)) {
      throw refused(path, "it is not a regular file");
    }
    if (!Files.isReadable(path) || !Files.isWritable(path)) {
      throw refused(path, "the file is not readable and writable");
    }
    if (!Files.isWritable(directory)) {
      // SQLite's WAL and shared-memory files live next to the database.
      throw refused(path, "its directory " + directory + " is not writable");
    }
    byte[] header = readHeader(path);
    if (header.length > 0 && !Arrays.equals(header, SQLITE_HEADER)) {
      throw refused(path, "it is not a SQLite database (it was left untouched)");
    }
  }

  private static byte[] readHeader(Path path) {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(SQLITE_HEADER.length);
    } catch (IOException e) {
      throw refused(path, "it cannot be read: " + e.getMessage());
    }
  }

  private static IllegalArgumentException refused(Path path, String why) {
    return new IllegalArgumentException("cannot open SQLite store " + path + ": " + why);
  }

  private static Connection connect(Path path) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
    config.enforceForeignKeys(true);
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + path, config.toProperties());
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open SQLite store " + path + ": " + e.getMessage(), e);
    }
    try {
      requireWal(connection, path);
      connection.setAutoCommit(false);
      return connection;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection, e);
      throw new IllegalStateException(
          "cannot open SQLite store " + path + ": " + e.getMessage(), e);
    }
  }

  /** WAL can silently stay off (e.g. on some network file systems); durability assumes it. */
  private static void requireWal(Connection connection, Path path) throws SQLException {
    try (Statement s = connection.createStatement();
        ResultSet r = s.executeQuery("PRAGMA journal_mode")) {
      String mode = r.next() ? r.getString(1) : "unknown";
      if (!"wal".equalsIgnoreCase(mode)) {
        throw new IllegalStateException(
            "cannot open SQLite store " + path + ": journal mode is " + mode + ", not WAL");
      }
    }
  }

  private static void closeQuietly(Connection connection, Exception cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** A PRAGMA's value on the store's own connection, e.g. {@code synchronous}; diagnostics. */
  String pragma(String name) {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a pragma name: " + name);
    }
    return queryValue("PRAGMA " + name);
  }

  @Override
  public String toString() {
    return "SqliteStore[" + path + "]";
  }
}
