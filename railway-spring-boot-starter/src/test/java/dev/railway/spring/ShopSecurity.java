package dev.railway.spring;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** The application's own security: HTTP Basic users; the health endpoint is public. */
@Configuration(proxyBeanMethods = false)
class ShopSecurity {
  @Bean
  SecurityFilterChain security(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            a -> a.requestMatchers("/actuator/health/**").permitAll().anyRequest().permitAll())
        .httpBasic(Customizer.withDefaults())
        // A JSON API called with Basic credentials, not a browser form.
        .csrf(c -> c.ignoringRequestMatchers("/railway/**"))
        .build();
  }

  @Bean
  UserDetailsService users() {
    return new InMemoryUserDetailsManager(
        User.withUsername("alice").password("{noop}alice-pw").roles("manager").build(),
        User.withUsername("bob").password("{noop}bob-pw").roles("clerk").build());
  }
}
