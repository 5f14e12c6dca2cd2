package dev.railway.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationsTest {

  @Test
  void theDialectListsEveryScriptInItsFolderInVersionOrder() throws Exception {
    SqliteDialect dialect = new SqliteDialect(Clock.systemUTC());
    URL folder = getClass().getClassLoader().getResource(dialect.migrationFolder());
    assertThat(folder).isNotNull();
    try (Stream<Path> files = Files.list(Path.of(folder.toURI()))) {
      assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql")))
          .containsExactlyInAnyOrderElementsOf(dialect.migrations());
    }
    for (int i = 0; i < dialect.migrations().size(); i++) {
      assertThat(dialect.migrations().get(i)).startsWith("V" + (i + 1) + "__");
    }
  }

  @Test
  void scriptsSplitIntoStatementsAtLineEndSemicolonsSkippingComments() {
    String script =
        """
        -- a comment; with a semicolon
        CREATE TABLE a (
          x INTEGER -- trailing
        );

        CREATE INDEX a_x ON a (x);
        INSERT INTO a VALUES (1)
        """;

    assertThat(Migrations.statements(script))
        .containsExactly(
            "CREATE TABLE a (\n  x INTEGER -- trailing\n)",
            "CREATE INDEX a_x ON a (x)",
            "INSERT INTO a VALUES (1)");
  }
}
