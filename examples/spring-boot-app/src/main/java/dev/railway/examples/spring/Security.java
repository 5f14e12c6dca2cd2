package dev.railway.examples.spring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The application's own users (demo passwords): Railway's ToDo endpoints take whoever Spring
 * Security authenticates, with its roles ({@code ROLE_manager} is Railway role {@code manager}).
 */
@Configuration(proxyBeanMethods = false)
public class Security {
  @Bean
  SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a -> a.requestMatchers("/actuator/health/**").permitAll().anyRequest().authenticated())
        .httpBasic(Customizer.withDefaults())
        // A JSON API called with credentials on every request, not a browser session.
        .csrf(c -> c.ignoringRequestMatchers("/expenses", "/railway/**"))
        .build();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("erin").password("{noop}erin-pw").roles("employee").build(),
        User.withUsername("mona").password("{noop}mona-pw").roles("manager", "employee").build());
  }
}
