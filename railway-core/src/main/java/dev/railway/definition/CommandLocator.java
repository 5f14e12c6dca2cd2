package dev.railway.definition;

/**
 * Finds the task identifier a command is meant for, from the command's own data (for queue
 * consumers and webhooks, whose messages carry the reference rather than the URL).
 */
@FunctionalInterface
public interface CommandLocator<C> {
  String taskId(C command);
}
