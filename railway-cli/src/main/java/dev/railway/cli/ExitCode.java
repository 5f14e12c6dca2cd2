package dev.railway.cli;

/** The exit codes of every {@code railway} command, so scripts and CI can rely on them. */
public final class ExitCode {
  /** Success; for {@code validate}: every workflow is valid. */
  public static final int OK = 0;

  /** {@code validate}: at least one workflow has problems (they are listed). */
  public static final int INVALID = 1;

  /** Bad usage: unknown option, example or class, or a workflow that cannot be loaded. */
  public static final int USAGE = 2;

  /** A bug in railway itself (sysexits' EX_SOFTWARE); the stack trace is printed. */
  public static final int INTERNAL = 70;

  private ExitCode() {}
}
