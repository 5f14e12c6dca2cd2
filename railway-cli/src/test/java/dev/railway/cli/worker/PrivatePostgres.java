package dev.railway.cli.worker;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own: {@code initdb} into a temporary directory, its own port,
 * started and stopped with {@code pg_ctl} as the {@code postgres} user. Tests may terminate its
 * backends, restart it or stop it at will without touching the machine's shared server.
 */
final class PrivatePostgres implements AutoCloseable {
  /** Where to find initdb and pg_ctl, when not in the newest /usr/lib/postgresql/N/bin. */
  static final String BIN_ENV = "RAILWAY_PG_BIN";

  private final Path bin;
  private final Path dir;
  private final Path data;
  private final int port;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private PrivatePostgres(Path bin, Path dir, int port) {
    this.bin = bin;
    this.dir = dir;
    this.data = dir.resolve("data");
    this.port = port;
  }

  /** The directory holding initdb and pg_ctl, if this machine has them. */
  static Optional<Path> binaries() {
    String env = System.getenv(BIN_ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(Path.of(env)).filter(PrivatePostgres::hasTools);
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (!Files.isDirectory(root)) {
      return Optional.empty();
    }
    try (Stream<Path> versions = Files.list(root)) {
      return versions
          .map(v -> v.resolve("bin"))
          .filter(PrivatePostgres::hasTools)
          .max(Comparator.comparing(p -> versionOf(p.getParent())));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static int versionOf(Path dir) {
    try {
      return Integer.parseInt(dir.getFileName().toString());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static boolean hasTools(Path bin) {
    return Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl"));
  }

  /** Creates and starts a cluster with the binaries in {@code bin}. */
  static PrivatePostgres start(Path bin) throws Exception {
    Path dir = Files.createTempDirectory("railway-private-pg");
    PrivatePostgres pg = new PrivatePostgres(bin, dir, freePort());
    if (isRoot()) {
      run(List.of("chown", "-R", "postgres:", dir.toString()));
    }
    pg.asPostgres(
        "initdb",
        "-D",
        pg.data.toString(),
        "-A",
        "trust",
        "-U",
        "postgres",
        "--no-sync",
        "-E",
        "UTF8");
    Files.writeString(
        pg.data.resolve("postgresql.conf"),
        """

        # railway private test cluster
        port = %d
        listen_addresses = '127.0.0.1'
        unix_socket_directories = '%s'
        max_connections = 200
        fsync = off
        full_page_writes = off
        """
            .formatted(pg.port, dir),
        java.nio.file.StandardOpenOption.APPEND);
    pg.startServer();
    return pg;
  }

  String url() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  int port() {
    return port;
  }

  void startServer() throws Exception {
    asPostgres(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-w",
        "-t",
        "60",
        "start");
  }

  /** A fast shutdown then a start: every connection is dropped, the data stays. */
  void restart() throws Exception {
    // With -l the restarted server writes to its log, not to pg_ctl's output, which run() reads.
    asPostgres(
        "pg_ctl",
        "-D",
        data.toString(),
        "-l",
        dir.resolve("server.log").toString(),
        "-m",
        "fast",
        "-w",
        "-t",
        "60",
        "restart");
  }

  void stopServer() throws Exception {
    asPostgres("pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "-t", "60", "stop");
  }

  /**
   * Terminates every client backend but the caller's, as an operator or a failover would.
   *
   * @return how many were terminated
   */
  int terminateBackends() throws SQLException {
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet r =
            s.executeQuery(
                """
                SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity
                WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
                """)) {
      r.next();
      return r.getInt(1);
    }
  }

  @Override
  public void close() throws Exception {
    if (closed.getAndSet(true)) {
      return;
    }
    try {
      asPostgres("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
    } catch (Exception e) {
      // Already stopped.
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void asPostgres(String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (isRoot()) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    run(command);
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  private static void run(List<String> command) throws Exception {
    // Output goes to a file, never a pipe: a server started by pg_ctl inherits its output, and a
    // pipe held open by a live server never reaches end of file (a restart hung on exactly that).
    Path out = Files.createTempFile("railway-pg-ctl", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      boolean done = p.waitFor(Duration.ofSeconds(120).toSeconds(), TimeUnit.SECONDS);
      if (!done || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "%s failed (%s): %s"
                .formatted(
                    String.join(" ", command),
                    done ? "exit " + p.exitValue() : "hung",
                    Files.readString(out)));
      }
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
