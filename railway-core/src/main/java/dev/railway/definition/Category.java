package dev.railway.definition;

/**
 * The paper's common-language categories, how a team talks about the tasks of a workflow with
 * business people: how hard each integration is to get right.
 */
public enum Category {
  /** Waits for an external action: a person, a webhook, a message (a ToDo). */
  TO_DO("To Do", "waits for a person or another system to act"),
  /** An idempotent third party: no challenge for correctness or performance. */
  TRIVIAL("Trivial", "safe to retry: the third party ignores duplicates"),
  /** OptimisticLock or PessimisticLock: correct by a lock; it will eventually complete. */
  DETERMINISTIC("Deterministic", "kept to one effect by a lock; will eventually complete"),
  /** BlackBoxed: single execution cannot be guaranteed; a business compromise decides. */
  OPAQUE("Opaque", "cannot be known for sure; a business compromise decides");

  private final String label;
  private final String meaning;

  Category(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  /** The paper's name, e.g. {@code To Do}. */
  public String label() {
    return label;
  }

  /** One line for business readers. */
  public String meaning() {
    return meaning;
  }

  /** The category of a State task of this kind. */
  public static Category of(IntegrationKind kind) {
    return switch (kind) {
      case IDEMPOTENT -> TRIVIAL;
      case OPTIMISTIC_LOCK, PESSIMISTIC_LOCK -> DETERMINISTIC;
      case BLACK_BOXED -> OPAQUE;
    };
  }

  /** The category of {@code task}. */
  public static Category of(Task<?> task) {
    return switch (task) {
      case StateTask<?, ?> state -> of(state.kind());
      case TodoTask<?, ?, ?> todo -> TO_DO;
    };
  }
}
