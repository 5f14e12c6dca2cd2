package dev.railway.validation;

import dev.railway.definition.Task;
import java.util.List;

/**
 * One concept of the design's static checks, applied to one task. Rules only add problems, never
 * stop: the validator runs all of them so that every problem is reported at once.
 */
@FunctionalInterface
interface TaskRule {
  void check(Task<?> task, WorkflowGraph graph, List<Problem> out);
}
