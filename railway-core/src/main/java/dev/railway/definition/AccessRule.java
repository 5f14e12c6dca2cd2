package dev.railway.definition;

/** ToDo access control: may {@code principal} see this read model and act on it? */
@FunctionalInterface
public interface AccessRule<M> {
  boolean allows(Principal principal, M readModel);
}
