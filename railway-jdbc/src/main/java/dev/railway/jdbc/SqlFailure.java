package dev.railway.jdbc;

/** What a failed statement means for the transaction it was in; each dialect maps its codes. */
enum SqlFailure {
  /**
   * The database aborted the transaction to break a conflict with another one (a deadlock, a
   * serialization failure). Nothing of it was kept: running it again is safe.
   */
  CONFLICT,

  /** The database could not be reached or let go of the connection: transient, try again later. */
  UNAVAILABLE,

  /** Anything else: a bug, bad input, a broken schema. */
  OTHER
}
