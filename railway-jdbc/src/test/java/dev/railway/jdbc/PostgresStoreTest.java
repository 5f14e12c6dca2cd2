package dev.railway.jdbc;

import dev.railway.engine.testing.SettableClock;
import dev.railway.store.Store;
import dev.railway.store.StoreContractTest;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a real PostgreSQL server ({@link TestPostgres}), each test in a fresh
 * schema.
 *
 * <p>The contract drives time with a {@link SettableClock} that stands still and jumps by exact
 * nanoseconds; a server clock does neither. So the store here passes every reading of the server
 * clock through a mapping to the test clock: the reading still happens, in the same statement and
 * transaction as in production, only its value is replaced. {@code PostgresStoreServerTest} shows
 * that without the mapping the store's times are the server's.
 */
class PostgresStoreTest extends StoreContractTest {
  private static final List<String> schemas = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void requireServer() {
    TestPostgres.url();
  }

  @AfterAll
  static void dropSchemas() {
    schemas.forEach(TestPostgres::dropSchema);
  }

  @Override
  protected Store newStore(SettableClock clock) {
    String schema = TestPostgres.newSchema("contract");
    schemas.add(schema);
    return PostgresStore.open(
        TestPostgres.url(),
        PostgresOptions.defaults().withSchema(schema).withPoolSize(8),
        server -> clock.instant());
  }
}
