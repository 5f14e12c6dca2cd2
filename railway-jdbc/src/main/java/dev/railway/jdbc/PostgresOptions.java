package dev.railway.jdbc;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How to open a {@link PostgresStore}. Start from {@link #defaults()} and change what differs:
 *
 * <pre>{@code
 * PostgresStore.open(url, PostgresOptions.defaults().withUser("railway").withPassword(secret));
 * }</pre>
 *
 * @param user the database user, or null to take it from the URL ({@code ?user=...})
 * @param password the user's password, or null to take it from the URL or to need none
 * @param poolSize most connections the store holds at once (1 to 1000); each process has its own
 *     pool, so the server must allow the sum of all pools plus one listener connection per process
 * @param schema the PostgreSQL schema holding the store's tables, created if missing: lower-case
 *     letters, digits and {@code _}, starting with a letter or {@code _}, at most 50 characters.
 *     Stores in different schemas of one database are independent.
 * @param connectionTimeout how long a call waits for a connection before failing with {@link
 *     dev.railway.store.StoreUnavailableException} (at least 250 ms)
 */
public record PostgresOptions(
    String user, String password, int poolSize, String schema, Duration connectionTimeout) {

  /** Where the store's tables live unless told otherwise. */
  public static final String DEFAULT_SCHEMA = "railway";

  /**
   * Letters, digits and underscores only, so the name never needs quoting rules; 50 characters, so
   * that derived names (the notification channel {@code railway.<schema>}) fit PostgreSQL's 63.
   */
  private static final Pattern SCHEMA = Pattern.compile("[a-z_][a-z0-9_]{0,49}");

  public PostgresOptions {
    if (user != null && user.isBlank()) {
      throw new IllegalArgumentException(
          "user must not be blank (use null to take it from the URL); was '" + user + "'");
    }
    if (poolSize < 1 || poolSize > 1000) {
      throw new IllegalArgumentException("poolSize must be between 1 and 1000; was " + poolSize);
    }
    Objects.requireNonNull(schema, "schema");
    if (!SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "schema must be lower-case letters, digits and _, starting with a letter or _, at most 50"
              + " characters; was '"
              + schema
              + "'");
    }
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
      throw new IllegalArgumentException(
          "connectionTimeout must be at least 250 ms; was " + connectionTimeout);
    }
  }

  /** No user or password beyond the URL's, 8 connections, schema {@value #DEFAULT_SCHEMA}, 5 s. */
  public static PostgresOptions defaults() {
    // No longer than the default lock grace: see Store#longestWait.
    return new PostgresOptions(null, null, 8, DEFAULT_SCHEMA, Duration.ofSeconds(5));
  }

  public PostgresOptions withUser(String user) {
    return new PostgresOptions(user, password, poolSize, schema, connectionTimeout);
  }

  public PostgresOptions withPassword(String password) {
    return new PostgresOptions(user, password, poolSize, schema, connectionTimeout);
  }

  public PostgresOptions withPoolSize(int poolSize) {
    return new PostgresOptions(user, password, poolSize, schema, connectionTimeout);
  }

  public PostgresOptions withSchema(String schema) {
    return new PostgresOptions(user, password, poolSize, schema, connectionTimeout);
  }

  public PostgresOptions withConnectionTimeout(Duration connectionTimeout) {
    return new PostgresOptions(user, password, poolSize, schema, connectionTimeout);
  }

  /** Never shows the password. */
  @Override
  public String toString() {
    return "PostgresOptions[user=%s, password=%s, poolSize=%d, schema=%s, connectionTimeout=%s]"
        .formatted(user, password == null ? null : "***", poolSize, schema, connectionTimeout);
  }
}
