package dev.railway.definition;

import java.util.Optional;

/**
 * The declared policy of a BlackBoxed task for a possible failure: an earlier attempt started, its
 * lock expired, and neither a result nor a fault was recorded, so nobody can know whether the third
 * party acted. A compromise carries its {@link Rationale} (attach it with {@link
 * #because(Rationale)}); the validator requires one.
 */
public sealed interface Compromise {

  /** Retry until success is recorded (or the task expires), accepting duplicate effects. */
  record AtLeastOnce(Rationale rationale) implements Compromise {
    public AtLeastOnce() {
      this(null);
    }
  }

  /** Retry while fewer than {@code n} possible failures were resolved this way, then give up. */
  record UpTo(int n, Rationale rationale) implements Compromise {
    public UpTo {
      Checks.atLeast(n, 1, "UpTo(n) compromise n");
    }

    public UpTo(int n) {
      this(n, null);
    }
  }

  /** Give up on a possible failure: the uncertainty mapping chooses the business transition. */
  record AtMostOnce(Rationale rationale) implements Compromise {
    public AtMostOnce() {
      this(null);
    }
  }

  /**
   * Ask a person: the uncertainty mapping's events lead to the ToDo task {@code todoTask}, where
   * someone decides.
   */
  record HumanReview(String todoTask, Rationale rationale) implements Compromise {
    public HumanReview {
      Checks.name(todoTask, "HumanReview ToDo task name");
    }

    public HumanReview(String todoTask) {
      this(todoTask, null);
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

  /** Why this compromise was chosen; null until {@link #because(Rationale)} attaches it. */
  Rationale rationale();

  /** The rationale, if one is attached. */
  default Optional<Rationale> rationaleIfAny() {
    return Optional.ofNullable(rationale());
  }

  /** The same compromise, carrying {@code rationale}. */
  default Compromise because(Rationale rationale) {
    Checks.notNull(rationale, "rationale of the " + describe() + " compromise");
    return switch (this) {
      case AtLeastOnce a -> new AtLeastOnce(rationale);
      case UpTo u -> new UpTo(u.n(), rationale);
      case AtMostOnce a -> new AtMostOnce(rationale);
      case HumanReview h -> new HumanReview(h.todoTask(), rationale);
    };
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

  /** What this compromise does on a possible failure, in words for business readers. */
  default String explain() {
    return switch (this) {
      case AtLeastOnce a -> "retry until success is recorded, accepting that it may happen twice";
      case UpTo u ->
          "retry up to "
              + u.n()
              + (u.n() == 1 ? " time" : " times")
              + ", accepting that it may happen up to "
              + (u.n() + 1)
              + " times, then give up";
      case AtMostOnce a -> "give up: never risk doing it twice";
      case HumanReview h -> "ask a person (" + h.todoTask() + ")";
    };
  }
}
