package dev.railway.spring;

import dev.railway.engine.Engine;
import dev.railway.http.TodoCommands;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.DispatcherServlet;

/**
 * The ToDo endpoints on the application's own servlet web server, when {@code railway-http} is on
 * the class path. Railway's standalone server (Javalin on its own Jetty) is not started inside
 * Spring's: the endpoints are a Spring MVC controller over the same command and query classes.
 */
@AutoConfiguration(after = RailwayAutoConfiguration.class)
@ConditionalOnClass({TodoCommands.class, DispatcherServlet.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(Engine.class)
@ConditionalOnProperty(prefix = "railway.http", name = "enabled", matchIfMissing = true)
public class RailwayHttpAutoConfiguration {

  @Bean
  TodoController railwayTodoController(
      Engine engine, RailwayPrincipalResolver principals, RailwayProperties properties) {
    return new TodoController(engine, principals, properties.http());
  }

  /** Spring Security's authenticated user, when Spring Security is there. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
  static class WithSpringSecurity {
    @Bean
    @ConditionalOnMissingBean
    RailwayPrincipalResolver railwayPrincipalResolver() {
      return new SpringSecurityPrincipals();
    }
  }

  /** Without Spring Security: the servlet container's authenticated user, with no roles. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass("org.springframework.security.core.context.SecurityContextHolder")
  static class WithoutSpringSecurity {
    @Bean
    @ConditionalOnMissingBean
    RailwayPrincipalResolver railwayPrincipalResolver() {
      return (HttpServletRequest request) ->
          Optional.ofNullable(request.getUserPrincipal())
              .map(p -> dev.railway.definition.Principal.of(p.getName()));
    }
  }
}
