package dev.railway.amqp;

import java.util.Locale;

/** Why a message was dead-lettered; {@link #code()} is the {@value AmqpHeaders#REASON} header. */
public enum DeadLetterReason {
  /** Trigger intake: the body is not JSON of the workflow's trigger type. */
  UNDECODABLE,
  /** Trigger intake: no event id in the message id property or the configured header. */
  NO_EVENT_ID,
  /** Trigger intake: the trigger's validation or the engine refused it. */
  INVALID,
  /**
   * Handling failed {@code maxAttempts} times for a reason that is not the store's (a workflow's
   * identifier function or a decider that throws, say): parked here instead of retried forever.
   */
  FAILED_REPEATEDLY,
  /** ToDo endpoint: the sender could not be authenticated. */
  UNAUTHENTICATED,
  /** ToDo endpoint: the access rule refused the sender. */
  ACCESS_DENIED,
  /** ToDo endpoint: the body is not JSON of the command type (strictly). */
  MALFORMED,
  /** ToDo endpoint: the command breaks the data contract; see {@value AmqpHeaders#VIOLATIONS}. */
  CONTRACT_VIOLATED,
  /** ToDo endpoint: the ToDo was decided before; the first command won. */
  ALREADY_DECIDED,
  /** ToDo endpoint: the ToDo has expired. */
  EXPIRED,
  /** ToDo endpoint: no ToDo has the task identifier the command names. */
  UNKNOWN_TASK;

  /** The header value: the name in lower case with dashes, e.g. {@code access-denied}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
