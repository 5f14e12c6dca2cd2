package dev.railway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A search over one workflow's instances, newest first, one page at a time: {@link
 * Store#findInstances}. Every filter is optional except the workflow; filters combine with "and".
 *
 * @param workflow the workflow id whose instances are searched (required: every index starts with
 *     it, so no search scans the instances of other workflows)
 * @param status which instances, or null for all
 * @param outcomeType with {@link Status#FINISHED}: only those that finished with this outcome type
 * @param taskName only instances with an open task of this name
 * @param triggerEventId only the instance started by this trigger event
 * @param taskId only the instance that entered this task
 * @param overdueBefore with {@link Status#OVERDUE}: tasks due before this time are overdue
 * @param before the cursor: only instances older than this position ({@link InstancePage#next})
 * @param limit the page size, 1 to 500
 */
public record InstanceQuery(
    String workflow,
    Status status,
    String outcomeType,
    String taskName,
    String triggerEventId,
    String taskId,
    Instant overdueBefore,
    Long before,
    int limit) {

  /** The largest page a query may ask for. */
  public static final int MAX_LIMIT = 500;

  /** What an instance is doing. */
  public enum Status {
    /** Not finished. */
    RUNNING,
    /** Waiting in an open ToDo. */
    WAITING_IN_TODO,
    /** Finished, with any outcome (or {@code outcomeType}'s). */
    FINISHED,
    /** An open task due before {@code overdueBefore}: a worker should have acted by now. */
    OVERDUE,
    /** A possible failure (or fault) handed to a person waits in an open ToDo. */
    POSSIBLE_FAILURE
  }

  public InstanceQuery {
    Objects.requireNonNull(workflow, "workflow");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException(
          "limit must be between 1 and " + MAX_LIMIT + "; was " + limit);
    }
    if (outcomeType != null && status != Status.FINISHED) {
      throw new IllegalArgumentException(
          "an outcome type filters finished instances only; status was " + status);
    }
    if (status == Status.OVERDUE && overdueBefore == null) {
      throw new IllegalArgumentException("status OVERDUE needs overdueBefore");
    }
  }

  /** The first page of all instances of {@code workflow}. */
  public static InstanceQuery of(String workflow, int limit) {
    return new InstanceQuery(workflow, null, null, null, null, null, null, null, limit);
  }
}
