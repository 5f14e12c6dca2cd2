package dev.railway.definition;

import java.util.Optional;

/** ToDo access control: may {@code principal} see this read model and act on it? */
@FunctionalInterface
public interface AccessRule<M> {
  boolean allows(Principal principal, M readModel);

  /**
   * Who the rule lets in, in words for reviews (e.g. {@code the customer, or support}); empty for a
   * rule given without a description.
   */
  default Optional<String> who() {
    return Optional.empty();
  }
}
