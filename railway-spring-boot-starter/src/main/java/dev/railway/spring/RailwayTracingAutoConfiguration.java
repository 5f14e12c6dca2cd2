package dev.railway.spring;

import dev.railway.engine.Tracing;
import dev.railway.opentelemetry.OpenTelemetryTracing;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Traces the engine with the application's {@link OpenTelemetry} when {@code railway-opentelemetry}
 * is on the class path: a span per attempt, ToDo command and outcome delivery, each instance in the
 * trace of the request that triggered it.
 */
@AutoConfiguration(
    before = RailwayAutoConfiguration.class,
    afterName =
        "org.springframework.boot.actuate.autoconfigure.opentelemetry.OpenTelemetryAutoConfiguration")
@ConditionalOnClass({OpenTelemetryTracing.class, OpenTelemetry.class})
@ConditionalOnBean(OpenTelemetry.class)
public class RailwayTracingAutoConfiguration {
  @Bean
  @ConditionalOnMissingBean
  Tracing railwayTracing(OpenTelemetry openTelemetry) {
    return OpenTelemetryTracing.of(openTelemetry);
  }
}
