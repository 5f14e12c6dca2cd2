package dev.railway.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A bad {@code railway.*} value stops the application, and the message shows it. */
class RailwayPropertiesTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RailwayAutoConfiguration.class))
          .withUserConfiguration(Shop.class);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "railway.shutdown-deadline=-5s | PT-5S",
        "railway.poll-interval=2h | PT2H",
        "railway.postgres.max-connections=0 | was 0",
        "railway.postgres.connection-timeout=10ms | PT0.01S",
        "railway.worker-id=a b | 'a b'",
        "railway.http.base-path=railway/ | 'railway/'",
        "railway.http.max-body-size=64MB | 67108864B",
        "railway.health.overdue-after=0s | PT0S",
        "railway.store=mongo | mongo"
      })
  void aBadValueStopsTheStartAndIsShown(String property, String shown) {
    runner
        .withPropertyValues(property)
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable failure = context.getStartupFailure();
          StringBuilder messages = new StringBuilder();
          for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
          }
          assertThat(messages.toString())
              .contains(property.substring(0, property.indexOf('=')).replace("railway.", ""))
              .contains(shown);
        });
  }

  @Test
  void defaultsNeedNoConfiguration(@TempDir Path dir) {
    runner
        .withPropertyValues("railway.sqlite.path=" + dir.resolve("defaults.db"))
        .run(context -> {
          assertThat(context).hasNotFailed();
          RailwayProperties p = context.getBean(RailwayProperties.class);
          assertThat(p.store()).isEqualTo(RailwayProperties.StoreKind.AUTO);
          assertThat(p.shutdownDeadline()).hasSeconds(30);
          assertThat(p.http().basePath()).isEqualTo("/railway");
        });
  }

  @Test
  void theApplicationsOpenTelemetryTracesTheEngine(@TempDir Path dir) {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                RailwayTracingAutoConfiguration.class, RailwayAutoConfiguration.class))
        .withUserConfiguration(Shop.class)
        .withBean(
            io.opentelemetry.api.OpenTelemetry.class, io.opentelemetry.api.OpenTelemetry::noop)
        .withPropertyValues("railway.sqlite.path=" + dir.resolve("traced.db"))
        .run(context ->
            assertThat(context.getBean(dev.railway.engine.Tracing.class))
                .isInstanceOf(dev.railway.opentelemetry.OpenTelemetryTracing.class));
  }

  @Test
  void anApplicationWithoutWorkflowsIsToldWhatToDo(@TempDir Path dir) {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RailwayAutoConfiguration.class))
        .withPropertyValues("railway.sqlite.path=" + dir.resolve("none.db"))
        .run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure())
              .rootCause()
              .hasMessageContaining("no Workflow bean")
              .hasMessageContaining("railway.enabled=false");
        });
  }
}
