package dev.railway.spring;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The test applications: one without a database of its own, one with a PostgreSQL DataSource. */
final class ShopApps {
  private ShopApps() {}

  /** An application with no DataSource (it does not use JDBC): Railway keeps a SQLite file. */
  @SpringBootConfiguration
  @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
  @Import({Shop.class, ShopSecurity.class})
  static class WithoutDatabase {
    @Bean
    Outcomes outcomes() {
      return new Outcomes();
    }
  }

  /** An application with its own DataSource ({@code spring.datasource.url}). */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({Shop.class, ShopSecurity.class})
  static class WithDataSource {
    @Bean
    Outcomes outcomes() {
      return new Outcomes();
    }
  }
}
