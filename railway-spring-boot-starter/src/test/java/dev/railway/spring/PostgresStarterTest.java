package dev.railway.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariDataSource;
import dev.railway.jdbc.PostgresStore;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An application whose only configuration is its PostgreSQL {@code DataSource}: Railway keeps its
 * tables in their own schema on the application's pool. (The schema is named here only so that test
 * runs never share tables; an application leaves it at {@code railway}.)
 */
@SpringBootTest(
    classes = ShopApps.WithDataSource.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "management.endpoint.health.show-details=always")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PostgresStarterTest extends StarterContract {
  private static final String SCHEMA = TestPostgres.newSchema();

  @Autowired DataSource dataSource;

  @BeforeAll
  static void requireServer() {
    TestPostgres.url();
  }

  @DynamicPropertySource
  static void dataSource(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", TestPostgres::url);
    registry.add("railway.postgres.schema", () -> SCHEMA);
  }

  @AfterAll
  static void dropSchema() throws Exception {
    if (System.getenv(TestPostgres.ENV) != null) {
      TestPostgres.dropSchema(SCHEMA);
    }
  }

  @Test
  void theStoreIsOnTheApplicationsPool() {
    assertThat(store).isInstanceOf(PostgresStore.class);
    assertThat(((PostgresStore) store).schema()).isEqualTo(SCHEMA);
  }

  @Test
  @Order(Integer.MAX_VALUE)
  @DirtiesContext
  void healthGoesDownWhenThePoolIsClosed() throws Exception {
    await().atMost(WAIT).until(() -> http().get("/actuator/health", null).status() == 200);
    ((HikariDataSource) dataSource).close();
    await().atMost(WAIT).until(() -> http().get("/actuator/health", null).status() == 503);
    assertThat(http().get("/actuator/health", null).body())
        .contains("\"railway\":{\"status\":\"DOWN\"")
        .contains("\"storeReachable\":false");
  }
}
