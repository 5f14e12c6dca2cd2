package dev.railway.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Stopping the application mid-run loses nothing: attempts in flight when it stops finish and are
 * recorded within the deadline, no new work starts, and the next start finishes every instance.
 */
class GracefulShutdownTest {
  private static final int ORDERS = 12;

  @SpringBootConfiguration
  @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
  @Import(Shop.class)
  static class Headless {
    @Bean
    Outcomes outcomes() {
      return new Outcomes();
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(Shop.class)
  static class HeadlessWithDataSource {
    @Bean
    Outcomes outcomes() {
      return new Outcomes();
    }
  }

  @Test
  void onSqlite(@TempDir Path dir) throws Exception {
    stopMidRunAndRestart(Headless.class, "railway.sqlite.path=" + dir.resolve("shop.db"));
  }

  @Test
  void onPostgres() throws Exception {
    String url = TestPostgres.url();
    String schema = TestPostgres.newSchema();
    try {
      stopMidRunAndRestart(
          HeadlessWithDataSource.class,
          "spring.datasource.url=" + url,
          "railway.postgres.schema=" + schema);
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  private static ConfigurableApplicationContext start(Class<?> app, List<String> properties) {
    return new SpringApplicationBuilder(app)
        .web(WebApplicationType.NONE)
        .properties(properties.toArray(String[]::new))
        .run();
  }

  private void stopMidRunAndRestart(Class<?> app, String... storeProperties) throws Exception {
    List<String> props = new ArrayList<>(List.of(storeProperties));
    props.add("railway.shutdown-deadline=20s");
    List<String> shut = new ArrayList<>(props);
    shut.add("shop.gate-shut=true");
    String run = UUID.randomUUID().toString().substring(0, 8);

    ConfigurableApplicationContext first = start(app, shut);
    Engine engine = first.getBean(Engine.class);
    Shop.Gate gate = first.getBean(Shop.Gate.class);
    Outcomes firstOutcomes = first.getBean(Outcomes.class);
    for (int i = 0; i < ORDERS; i++) {
      engine.trigger(order(engine), new Shop.OrderPlaced(run + "-" + i));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> gate.entered.get() == ORDERS);

    // Stop the application while every reserve-stock attempt is in flight, held at the gate.
    Thread closer = Thread.ofPlatform().start(first::close);
    await().atMost(Duration.ofSeconds(30)).until(() -> !engine.health().claimLoopAlive());
    gate.open();
    closer.join(Duration.ofSeconds(60));
    assertThat(closer.isAlive()).as("the context closed within the deadline").isFalse();
    assertThat(gate.reserved).as("every attempt in flight finished").hasSize(ORDERS);
    assertThat(gate.invoiced).as("nothing new started while stopping").isEmpty();
    Set<String> finishedFirst = ids(firstOutcomes);
    assertThat(finishedFirst).as("the run was stopped midway").isEmpty();

    ConfigurableApplicationContext second = start(app, props);
    try {
      Outcomes outcomes = second.getBean(Outcomes.class);
      Shop.Gate gate2 = second.getBean(Shop.Gate.class);
      await().atMost(Duration.ofSeconds(60)).until(() -> ids(outcomes).size() == ORDERS);
      assertThat(gate2.entered.get())
          .as("the reservations decided while stopping were recorded: none ran again")
          .isZero();
      assertThat(gate2.invoiced).hasSize(ORDERS);
      Store store = second.getBean(Store.class);
      for (int i = 0; i < ORDERS; i++) {
        assertThat(store.decisions("order:" + run + "-" + i)).hasSize(2);
      }
    } finally {
      second.close();
    }
  }

  private static Set<String> ids(Outcomes outcomes) {
    Set<String> ids = new HashSet<>();
    outcomes.byEventId.values().stream()
        .map(RailwayOutcomeEvent::outcome)
        .filter(o -> o instanceof Shop.OrderConfirmed)
        .forEach(o -> ids.add(((Shop.OrderConfirmed) o).id()));
    return ids;
  }

  @SuppressWarnings("unchecked")
  private static Workflow<Shop.OrderPlaced> order(Engine engine) {
    return (Workflow<Shop.OrderPlaced>)
        engine.workflows().stream().filter(w -> w.name().equals("order")).findFirst().orElseThrow();
  }
}
