package dev.railway.http;

/** Why a command or query was refused; nothing was recorded. */
public enum Refusal {
  /** The body is not well-formed JSON. */
  MALFORMED,
  /**
   * No ToDo that the caller may act on: either none with this id, or its access rule refuses the
   * caller. The two are one answer, so a refused caller cannot learn whether a ToDo exists.
   */
  NOT_ALLOWED,
  /** The ToDo was decided by another command (the first decision wins). */
  CONFLICT,
  /** The ToDo's deadline passed (or it is no longer needed): it is expired for every caller. */
  EXPIRED,
  /** The command breaks its type (unknown, missing, mistyped fields) or its data contract. */
  INVALID
}
