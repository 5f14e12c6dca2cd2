package dev.railway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.railway.engine.testing.SettableClock;
import dev.railway.store.Store;
import dev.railway.store.StoreContractTest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The store contract on connections borrowed from an application's pool (auto-commit on, the
 * default search path), as a Spring Boot application hands its {@code DataSource} over; and the
 * application's connections come back exactly as they were lent.
 */
class PostgresBorrowedStoreTest extends StoreContractTest {
  private static final List<String> schemas = new CopyOnWriteArrayList<>();
  private static HikariDataSource appPool;

  @BeforeAll
  static void appPool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(TestPostgres.url());
    config.setMaximumPoolSize(12);
    config.setPoolName("application");
    appPool = new HikariDataSource(config);
  }

  @AfterAll
  static void close() {
    if (appPool != null) {
      appPool.close();
    }
    schemas.forEach(TestPostgres::dropSchema);
  }

  @Override
  protected Store newStore(SettableClock clock) {
    String schema = TestPostgres.newSchema("borrowed");
    schemas.add(schema);
    return PostgresStore.open(
        appPool,
        PostgresOptions.defaults().withSchema(schema).withPoolSize(4),
        server -> clock.instant());
  }

  @Test
  void theApplicationsConnectionsComeBackAsTheyWereLent() throws Exception {
    String before;
    try (Connection c = appPool.getConnection();
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SHOW search_path")) {
      r.next();
      before = r.getString(1);
    }
    String schema = TestPostgres.newSchema("borrowed");
    schemas.add(schema);
    try (PostgresStore store =
        PostgresStore.open(appPool, PostgresOptions.defaults().withSchema(schema))) {
      store.instances();
      // Every idle connection of the pool: none was left pointing at the store's schema.
      for (int i = 0; i < 12; i++) {
        try (Connection c = appPool.getConnection();
            Statement s = c.createStatement();
            ResultSet r = s.executeQuery("SHOW search_path")) {
          r.next();
          assertThat(r.getString(1)).isEqualTo(before);
          assertThat(c.getAutoCommit()).isTrue();
        }
      }
    }
    assertThat(appPool.isClosed()).as("the store does not close the application's pool").isFalse();
  }

  @Test
  void credentialsBelongToThePool() {
    assertThatThrownBy(
            () -> PostgresStore.open(appPool, PostgresOptions.defaults().withUser("railway")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("user 'railway'");
  }
}
