package dev.railway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.store.StoreUnavailableException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Options and URLs are checked before anything connects; no server needed. */
class PostgresOptionsTest {

  @Test
  void defaultsAreValid() {
    PostgresOptions o = PostgresOptions.defaults();
    assertThat(o.schema()).isEqualTo("railway");
    assertThat(o.poolSize()).isEqualTo(8);
    assertThat(o.user()).isNull();
  }

  @Test
  void badValuesAreRefusedShowingTheValue() {
    PostgresOptions o = PostgresOptions.defaults();
    assertThatThrownBy(() -> o.withPoolSize(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("poolSize")
        .hasMessageContaining("was 0");
    assertThatThrownBy(() -> o.withPoolSize(5000)).hasMessageContaining("was 5000");
    assertThatThrownBy(() -> o.withSchema("Robert'); DROP TABLE x;--"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("schema")
        .hasMessageContaining("'Robert'); DROP TABLE x;--'");
    assertThatThrownBy(() -> o.withSchema("9lives")).hasMessageContaining("'9lives'");
    assertThatThrownBy(() -> o.withSchema("x".repeat(51))).hasMessageContaining("at most 50");
    assertThatThrownBy(() -> o.withUser(" ")).hasMessageContaining("user");
    assertThatThrownBy(() -> o.withConnectionTimeout(Duration.ofMillis(10)))
        .hasMessageContaining("PT0.01S");
  }

  @Test
  void thePasswordIsNeverShown() {
    PostgresOptions o = PostgresOptions.defaults().withUser("railway").withPassword("s3cret");
    assertThat(o.toString()).contains("railway").doesNotContain("s3cret");
    assertThat(PostgresStore.redact("jdbc:postgresql://h/db?user=u&password=s3cret&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?user=u&password=***&ssl=true");
  }

  @Test
  void aUrlOfAnotherDatabaseIsRefusedShowingIt() {
    assertThatThrownBy(() -> PostgresStore.open("jdbc:sqlite:railway.db"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a PostgreSQL JDBC URL")
        .hasMessageContaining("'jdbc:sqlite:railway.db'");
    assertThatThrownBy(() -> PostgresStore.open(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void anUnreachableServerIsUnavailableNamingItWithoutThePassword() {
    String url = "jdbc:postgresql://127.0.0.1:1/test?user=u&password=s3cret";
    assertThatThrownBy(() ->
            PostgresStore.open(
                url, PostgresOptions.defaults().withConnectionTimeout(Duration.ofMillis(300))))
        .isInstanceOf(StoreUnavailableException.class)
        .hasMessageContaining("127.0.0.1:1")
        .hasMessageNotContaining("s3cret");
  }
}
