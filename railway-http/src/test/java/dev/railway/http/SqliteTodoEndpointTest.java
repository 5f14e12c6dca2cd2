package dev.railway.http;

import dev.railway.jdbc.SqliteStore;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.io.TempDir;

class SqliteTodoEndpointTest extends TodoEndpointContract {
  @TempDir Path dir;

  @Override
  HttpHarness harness(long maxBodyBytes) {
    return new HttpHarness(
        SqliteStore.open(dir.resolve(UUID.randomUUID() + ".db")), maxBodyBytes) {};
  }
}
