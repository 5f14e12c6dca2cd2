package dev.railway.sim;

import dev.railway.definition.Compromise;
import org.junit.jupiter.api.Test;

/**
 * The CI seed budget per integration kind on SQLite (a fresh file per seed): the same runs as on
 * the in-memory store, fewer of them, so that the store's own transactions, clock and lock sequence
 * are under the same schedules.
 */
class InvariantsOnSqliteTest {
  private static final int SEEDS = KindSimulations.CI_SQLITE_SEEDS;

  @Test
  void idempotent_onSqlite() {
    InvariantsPerKindTest.holds(
        "Idempotent on SQLite", KindSimulations.idempotent().onSqlite(), SEEDS);
  }

  @Test
  void pessimisticLock_onSqlite() {
    InvariantsPerKindTest.holds(
        "PessimisticLock on SQLite", KindSimulations.pessimistic().onSqlite(), SEEDS);
  }

  @Test
  void optimisticLock_onSqlite() {
    InvariantsPerKindTest.holds(
        "OptimisticLock on SQLite", KindSimulations.optimistic().onSqlite(), SEEDS);
  }

  @Test
  void blackBoxed_atMostOnce_onSqlite() {
    InvariantsPerKindTest.holds(
        "BlackBoxed AtMostOnce on SQLite",
        KindSimulations.blackBoxed(Compromise.atMostOnce()).onSqlite(),
        SEEDS);
  }
}
