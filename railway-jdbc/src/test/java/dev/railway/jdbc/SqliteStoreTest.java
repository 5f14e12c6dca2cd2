package dev.railway.jdbc;

import dev.railway.engine.testing.SettableClock;
import dev.railway.store.Store;
import dev.railway.store.StoreContractTest;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteStoreTest extends StoreContractTest {
  @TempDir Path directory;

  @Override
  protected Store newStore(SettableClock clock) {
    return SqliteStore.open(directory.resolve("railway.db"), clock);
  }
}
