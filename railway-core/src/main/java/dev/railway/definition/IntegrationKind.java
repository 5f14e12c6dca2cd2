package dev.railway.definition;

/** How a State task talks to its third party; each kind has its own algorithm in the engine. */
public enum IntegrationKind {
  /** The third party honours an idempotency key: retries are safe by construction. */
  IDEMPOTENT("Idempotent"),
  /** Two-step third party whose first step can be cancelled: racers are undone. */
  OPTIMISTIC_LOCK("OptimisticLock"),
  /** Queryable third party without cancellation: a central lock keeps racers out. */
  PESSIMISTIC_LOCK("PessimisticLock"),
  /** Opaque third party: possible failures are detected and met with a declared compromise. */
  BLACK_BOXED("BlackBoxed");

  private final String displayName;

  IntegrationKind(String displayName) {
    this.displayName = displayName;
  }

  /** The name used in DESIGN.md, reports and diagrams, e.g. {@code PessimisticLock}. */
  public String displayName() {
    return displayName;
  }
}
