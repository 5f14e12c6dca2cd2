package dev.railway.spring;

import dev.railway.engine.Engine;
import org.springframework.boot.actuate.autoconfigure.health.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** The {@code railway} health indicator, when Spring Boot Actuator is on the class path. */
@AutoConfiguration(after = RailwayAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Engine.class)
@ConditionalOnEnabledHealthIndicator("railway")
public class RailwayHealthAutoConfiguration {

  @Bean(name = "railwayHealthIndicator")
  @ConditionalOnMissingBean(name = "railwayHealthIndicator")
  HealthIndicator railwayHealthIndicator(Engine engine, RailwayProperties properties) {
    return new RailwayHealthIndicator(
        engine, properties.workers(), properties.health().overdueAfter());
  }
}
