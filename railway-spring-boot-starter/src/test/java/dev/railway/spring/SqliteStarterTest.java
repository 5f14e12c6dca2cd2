package dev.railway.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.jdbc.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * An application with no database and no Railway configuration at all: the store is a SQLite file
 * at the default path ({@code railway.db} in the working directory, which surefire sets to {@code
 * target/sqlite-default}).
 */
@SpringBootTest(
    classes = ShopApps.WithoutDatabase.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.endpoint.health.show-details=always")
class SqliteStarterTest extends StarterContract {

  @BeforeAll
  static void freshFile() throws Exception {
    Files.createDirectories(Path.of("").toAbsolutePath());
    for (String f : new String[] {"railway.db", "railway.db-wal", "railway.db-shm"}) {
      Files.deleteIfExists(Path.of(f));
    }
  }

  @Test
  void theStoreIsTheDefaultSqliteFile() {
    assertThat(store).isInstanceOf(SqliteStore.class);
    assertThat(Path.of("railway.db")).exists();
  }
}
