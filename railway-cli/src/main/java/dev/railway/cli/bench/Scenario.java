package dev.railway.cli.bench;

/** What {@code railway bench} measures; the value of {@code --scenario}. */
public enum Scenario {
  /** One Idempotent task that does nothing, then the outcome: the engine's own cost. */
  noop,
  /** One Idempotent task waiting on a slow third party: how many calls are in flight at once. */
  fanout,
  /** One task of each integration kind in a row. */
  mixed
}
