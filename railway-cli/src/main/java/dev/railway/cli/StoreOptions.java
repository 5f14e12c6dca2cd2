package dev.railway.cli;

import dev.railway.jdbc.PostgresOptions;
import dev.railway.jdbc.PostgresStore;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.InMemoryStore;
import dev.railway.store.Store;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/**
 * {@code --store sqlite|postgres|memory --url URL}: where a command keeps its workflows. Mixed into
 * the commands that run the engine ({@code worker}, {@code bench}, {@code demo}).
 */
public final class StoreOptions {
  @Option(
      names = "--store",
      defaultValue = "sqlite",
      description = "sqlite, postgres or memory (default: ${DEFAULT-VALUE}).")
  public StoreKind kind;

  @Option(
      names = "--url",
      description = {
        "The database: a JDBC URL (jdbc:postgresql://host:5432/db?user=...; for SQLite",
        "jdbc:sqlite:FILE or just a file path). Required with --store postgres."
      })
  public String url;

  @Option(
      names = "--schema",
      defaultValue = PostgresOptions.DEFAULT_SCHEMA,
      description = {
        "PostgreSQL: the schema holding the store's tables, and the simulated third parties'",
        "(default: ${DEFAULT-VALUE}). Stores in different schemas are independent."
      })
  public String schema = PostgresOptions.DEFAULT_SCHEMA;

  @Option(
      names = "--pool-size",
      defaultValue = "8",
      description = "PostgreSQL: connections in the store's pool (default: ${DEFAULT-VALUE}).")
  public int poolSize = 8;

  /** The problem with these options, or null when they can be used. */
  public String problem() {
    if (kind == StoreKind.postgres && (url == null || !url.startsWith("jdbc:postgresql:"))) {
      return "--store postgres needs --url jdbc:postgresql://HOST:PORT/DATABASE?user=...; was "
          + (url == null ? "missing" : "'" + url + "'");
    }
    if (kind == StoreKind.sqlite
        && url != null
        && url.startsWith("jdbc:")
        && !url.startsWith("jdbc:sqlite:")) {
      return "--store sqlite needs a file path or a jdbc:sqlite: URL; was '" + url + "'";
    }
    if (poolSize < 1) {
      return "--pool-size must be at least 1; was " + poolSize;
    }
    if (!schema.matches("[a-z_][a-z0-9_]{0,49}")) {
      return "--schema must be lower-case letters, digits and _ (at most 50); was '" + schema + "'";
    }
    if (kind == StoreKind.memory && url != null) {
      return "--store memory takes no --url; was '" + url + "'";
    }
    return null;
  }

  /** The SQLite file named by {@code --url}, or {@code fallback} when none was given. */
  public Path sqliteFile(Path fallback) {
    if (url == null) {
      return fallback;
    }
    return Path.of(url.startsWith("jdbc:sqlite:") ? url.substring("jdbc:sqlite:".length()) : url);
  }

  /** The database as a JDBC URL, for what shares it with the store (a simulated ledger). */
  public String jdbcUrl() {
    return switch (kind) {
      case postgres -> url;
      case sqlite ->
          url == null ? null : url.startsWith("jdbc:sqlite:") ? url : "jdbc:sqlite:" + url;
      case memory -> null;
    };
  }

  /** Opens the store; for SQLite without {@code --url}, the file {@code fallback}. */
  public Store open(Clock clock, Path fallback) {
    return switch (kind) {
      case sqlite -> SqliteStore.open(sqliteFile(fallback), clock);
      case memory -> new InMemoryStore(clock);
      case postgres -> openPostgres();
    };
  }

  /** The PostgreSQL store in {@code --schema}; its clock is the server's. */
  private Store openPostgres() {
    return PostgresStore.open(
        url, PostgresOptions.defaults().withSchema(schema).withPoolSize(poolSize));
  }

  /**
   * Where the simulated third parties keep their tables: in the same database as the store, but in
   * a schema of their own ({@code <schema>_sim}), as other systems would; null for SQLite.
   */
  public String ledgerSchema() {
    return kind == StoreKind.postgres ? schema + "_sim" : null;
  }
}
