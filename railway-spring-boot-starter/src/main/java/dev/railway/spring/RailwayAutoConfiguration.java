package dev.railway.spring;

import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.engine.OutcomeListener;
import dev.railway.engine.Tracing;
import dev.railway.jdbc.PostgresOptions;
import dev.railway.jdbc.PostgresStore;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.Store;
import dev.railway.validation.InvalidWorkflowException;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * Railway in a Spring Boot application: a {@link Store} (the application's PostgreSQL {@link
 * DataSource} in its own schema, else an embedded SQLite file), one {@link Engine} running every
 * {@link Workflow} bean (and every {@link ChainedWorkflow}), started and stopped with the context,
 * its meters on the application's {@link MeterRegistry}, every {@link OutcomeListener} bean
 * registered, and outcomes published as {@link RailwayOutcomeEvent}s.
 *
 * <p>Each bean backs off when the application defines its own.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.MetricsAutoConfiguration"
    })
@ConditionalOnProperty(prefix = "railway", name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(RailwayProperties.class)
public class RailwayAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(RailwayAutoConfiguration.class);

  @Bean
  @ConditionalOnMissingBean
  Store railwayStore(RailwayProperties properties, ObjectProvider<DataSource> dataSources) {
    DataSource dataSource = dataSources.getIfUnique();
    RailwayProperties.StoreKind kind = properties.store();
    if (kind != RailwayProperties.StoreKind.SQLITE && dataSource != null) {
      String product = product(dataSource);
      if ("PostgreSQL".equals(product)) {
        RailwayProperties.Postgres pg = properties.postgres();
        PostgresOptions options =
            PostgresOptions.defaults()
                .withSchema(pg.schema())
                .withPoolSize(pg.maxConnections())
                .withConnectionTimeout(pg.connectionTimeout());
        PostgresStore store = PostgresStore.open(dataSource, options);
        log.info(
            "Railway store: the application's PostgreSQL DataSource, schema {}, at most {}"
                + " connections",
            pg.schema(),
            pg.maxConnections());
        return store;
      }
      if (kind == RailwayProperties.StoreKind.POSTGRES) {
        throw new IllegalStateException(
            "railway.store=postgres, but the application's DataSource is " + product);
      }
      log.info(
          "Railway store: the application's DataSource is {}, not PostgreSQL; using SQLite",
          product);
    } else if (kind == RailwayProperties.StoreKind.POSTGRES) {
      throw new IllegalStateException(
          "railway.store=postgres, but the application has "
              + (dataSources.stream().findAny().isPresent()
                  ? "several DataSources and none is primary"
                  : "no DataSource")
              + "; configure spring.datasource.url");
    }
    SqliteStore store = SqliteStore.open(properties.sqlite().path());
    log.info("Railway store: SQLite file {}", properties.sqlite().path().toAbsolutePath());
    return store;
  }

  private static String product(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      return c.getMetaData().getDatabaseProductName();
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Railway cannot tell which database the application's DataSource is: " + e.getMessage(),
          e);
    }
  }

  /**
   * The engine; validates every workflow first (an invalid one stops the application with the
   * validator's report). Its workers are started and stopped by {@link RailwayLifecycle}.
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  Engine railwayEngine(
      RailwayProperties properties,
      Store store,
      ObjectProvider<Workflow<?>> workflows,
      ObjectProvider<ChainedWorkflow> chained,
      ObjectProvider<OutcomeListener> listeners,
      ObjectProvider<MeterRegistry> meters,
      ObjectProvider<EngineCustomizer> customizers,
      ObjectProvider<Tracing> tracing,
      ApplicationEventPublisher events) {
    Engine.Builder builder = Engine.builder(store).pollInterval(properties.pollInterval());
    if (properties.workerId() != null) {
      builder.workerId(properties.workerId());
    }
    workflows.orderedStream().forEach(builder::workflow);
    chained.orderedStream().forEach(c -> builder.chain(c.workflow()));
    if (workflows.stream().findAny().isEmpty() && chained.stream().findAny().isEmpty()) {
      throw new IllegalStateException(
          "Railway found no Workflow bean to run: declare your workflows as beans, or set"
              + " railway.enabled=false");
    }
    meters.ifAvailable(builder::meterRegistry);
    tracing.ifAvailable(builder::tracing);
    listeners.orderedStream().forEach(builder::onOutcome);
    builder.onOutcome((eventId, workflow, instanceId, outcome) ->
        events.publishEvent(new RailwayOutcomeEvent(eventId, workflow, instanceId, outcome)));
    customizers.orderedStream().forEach(c -> c.customize(builder));
    try {
      Engine engine = builder.build();
      log.info(
          "Railway engine {} runs {} workflow(s): {}",
          engine.workerId(),
          engine.workflows().size(),
          engine.workflows().stream().map(Workflow::id).toList());
      return engine;
    } catch (InvalidWorkflowException e) {
      throw new IllegalStateException("Railway cannot start: " + e.getMessage(), e);
    }
  }

  @Bean
  @ConditionalOnMissingBean
  RailwayLifecycle railwayLifecycle(RailwayProperties properties, Engine engine) {
    return new RailwayLifecycle(engine, properties.workers(), properties.shutdownDeadline());
  }
}
