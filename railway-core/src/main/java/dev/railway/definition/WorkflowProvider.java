package dev.railway.definition;

import java.util.List;

/**
 * How tools find users' workflows: implement it with a public no-argument constructor and point
 * {@code railway validate --class} (or {@code diagram}, {@code simulate}) at the class.
 */
@FunctionalInterface
public interface WorkflowProvider {
  List<Workflow<?>> workflows();
}
