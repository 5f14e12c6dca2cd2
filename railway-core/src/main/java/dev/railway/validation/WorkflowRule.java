package dev.railway.validation;

import java.util.List;

/** A check that concerns the workflow as a whole rather than one of its tasks. */
@FunctionalInterface
interface WorkflowRule {
  void check(WorkflowGraph graph, List<Problem> out);
}
