package dev.railway.cli;

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

  /** Opens the store; for SQLite without {@code --url}, the file {@code fallback}. */
  public Store open(Clock clock, Path fallback) {
    return switch (kind) {
      case sqlite -> SqliteStore.open(sqliteFile(fallback), clock);
      case memory -> new InMemoryStore(clock);
      case postgres -> Postgres.open(url, clock);
    };
  }

  /** The PostgreSQL store, kept apart so that the rest does not depend on how it is opened. */
  static final class Postgres {
    private Postgres() {}

    static Store open(String url, Clock clock) {
      throw new IllegalStateException(
          "this build has no PostgreSQL store yet; use --store sqlite or --store memory");
    }
  }
}
