package dev.railway.cli;

/** Which store a command runs on; the value of {@code --store}. */
public enum StoreKind {
  /** One SQLite file, one process: the embedded default. */
  sqlite,
  /** A PostgreSQL database shared by many worker processes. */
  postgres,
  /** In this process's memory only; for measuring the engine without a database. */
  memory
}
