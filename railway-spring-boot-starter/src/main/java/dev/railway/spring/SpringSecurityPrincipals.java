package dev.railway.spring;

import dev.railway.definition.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Spring Security's authenticated user as a Railway principal. */
final class SpringSecurityPrincipals implements RailwayPrincipalResolver {
  private static final String ROLE_PREFIX = "ROLE_";

  @Override
  public Optional<Principal> resolve(HttpServletRequest request) {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null
        || !auth.isAuthenticated()
        || auth instanceof AnonymousAuthenticationToken
        || auth.getName() == null
        || auth.getName().isBlank()) {
      return Optional.empty();
    }
    Set<String> roles = new LinkedHashSet<>();
    for (GrantedAuthority a : auth.getAuthorities()) {
      String name = a.getAuthority();
      if (name != null) {
        roles.add(name.startsWith(ROLE_PREFIX) ? name.substring(ROLE_PREFIX.length()) : name);
      }
    }
    return Optional.of(new Principal(auth.getName(), roles));
  }
}
