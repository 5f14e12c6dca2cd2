package dev.railway.definition;

import java.util.Optional;

/** An access rule that also says, in words, whom it lets in; see {@link TodoBuilder#access}. */
record DescribedAccessRule<M>(String description, AccessRule<M> rule) implements AccessRule<M> {
  DescribedAccessRule {
    if (description == null || description.isBlank()) {
      throw new IllegalArgumentException(
          "the description of an access rule must say who may answer; was '" + description + "'");
    }
    Checks.notNull(rule, "access rule");
  }

  @Override
  public boolean allows(Principal principal, M readModel) {
    return rule.allows(principal, readModel);
  }

  @Override
  public Optional<String> who() {
    return Optional.of(description);
  }
}
