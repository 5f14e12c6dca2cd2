package dev.railway.engine;

import java.time.Instant;

/** The events of the one-task test workflows. */
final class TestEvents {
  private TestEvents() {}

  /** The trigger: one order. */
  record Order(String id) {}

  /** The decision on a result. */
  record Done(String id, String result) {}

  /** What the fault mapping returns once the backoff gives up. */
  record Failed(String id, String error) {}

  /** What the expiry mapping returns. */
  record Expired(String id) {}

  /** What the uncertainty mapping of a BlackBoxed task returns. */
  record Uncertain(String id, Instant previousAttemptStartedAt) {}

  /** A decider's event that no task declares. */
  record Undeclared(String id) {}

  /** The read model of the review ToDo. */
  record Review(String id, String owner) {}

  /** The command of the review ToDo. */
  record Verdict(boolean approve, String note) {}

  /** The review ToDo's decisions. */
  record Approved(String id, String note) {}

  record Rejected(String id, String note) {}
}
