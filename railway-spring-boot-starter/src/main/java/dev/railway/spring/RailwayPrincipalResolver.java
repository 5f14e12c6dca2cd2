package dev.railway.spring;

import dev.railway.definition.Principal;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;

/**
 * Says which Railway {@link Principal} sent a request to the ToDo endpoints, from what the
 * application's own security established. The default maps Spring Security's authenticated user:
 * its name, and its authorities as roles ({@code ROLE_manager} becomes role {@code manager}); an
 * anonymous or unauthenticated request has no principal and is answered 401. Define a bean of this
 * type to map differently (a JWT claim as the name, say).
 */
@FunctionalInterface
public interface RailwayPrincipalResolver {
  /** The caller, or empty when the request is not authenticated. */
  Optional<Principal> resolve(HttpServletRequest request);
}
