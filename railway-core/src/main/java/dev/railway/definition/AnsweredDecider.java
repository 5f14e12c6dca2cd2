package dev.railway.definition;

/**
 * Decides a ToDo from its read model, the received command and the authenticated principal that
 * sent it, <em>and nothing else</em>. The principal comes from the endpoint's authentication, never
 * from the command, so an "approved by" taken from it cannot be spoofed inside the body.
 */
@FunctionalInterface
public interface AnsweredDecider<M, C> {
  Object decide(M readModel, C command, Principal answeredBy);
}
