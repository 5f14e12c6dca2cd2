package dev.railway.definition;

/**
 * The declared policy of a BlackBoxed task for a possible failure: an earlier attempt started, its
 * lock expired, and neither a result nor a fault was recorded, so nobody can know whether the third
 * party acted.
 */
public sealed interface Compromise {

  /** Retry until success is recorded (or the task expires), accepting duplicate effects. */
  record AtLeastOnce() implements Compromise {}

  /** Retry while fewer than {@code n} possible failures were resolved this way, then give up. */
  record UpTo(int n) implements Compromise {
    public UpTo {
      Checks.atLeast(n, 1, "UpTo(n) compromise n");
    }
  }

  /** Give up on a possible failure: the uncertainty mapping chooses the business transition. */
  record AtMostOnce() implements Compromise {}

  /**
   * Ask a person: the uncertainty mapping's events lead to the ToDo task {@code todoTask}, where
   * someone decides.
   */
  record HumanReview(String todoTask) implements Compromise {
    public HumanReview {
      Checks.name(todoTask, "HumanReview ToDo task name");
    }
  }

  static Compromise atLeastOnce() {
    return new AtLeastOnce();
  }

  static Compromise upTo(int n) {
    return new UpTo(n);
  }

  static Compromise atMostOnce() {
    return new AtMostOnce();
  }

  static Compromise humanReview(String todoTask) {
    return new HumanReview(todoTask);
  }

  /** Short form for reports and diagrams, e.g. {@code UpTo(3)}. */
  default String describe() {
    return switch (this) {
      case AtLeastOnce a -> "AtLeastOnce";
      case UpTo u -> "UpTo(" + u.n() + ")";
      case AtMostOnce a -> "AtMostOnce";
      case HumanReview h -> "HumanReview(" + h.todoTask() + ")";
    };
  }
}
