package dev.railway.definition;

import java.util.Set;

/**
 * Who sends a command to a ToDo or queries its read model, as authenticated by the endpoint.
 *
 * @param name the authenticated name (a user, a service, a webhook's sender)
 * @param roles the roles the access rule may check
 */
public record Principal(String name, Set<String> roles) {
  public Principal {
    Checks.notNull(name, "principal name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("principal name must not be blank");
    }
    roles = Set.copyOf(roles);
  }

  public static Principal of(String name, String... roles) {
    return new Principal(name, Set.of(roles));
  }

  public boolean hasRole(String role) {
    return roles.contains(role);
  }
}
