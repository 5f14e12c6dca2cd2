package dev.railway.spring;

import dev.railway.definition.Workflow;
import java.util.Objects;

/**
 * Declares, as a bean, a workflow that is started by the outcomes of the others: every outcome that
 * fits its trigger type starts it ({@link dev.railway.engine.Engine.Builder#chain}). A plain {@link
 * Workflow} bean is registered as a workflow started by its own triggers.
 *
 * @param workflow the chained workflow
 */
public record ChainedWorkflow(Workflow<?> workflow) {
  public ChainedWorkflow {
    Objects.requireNonNull(workflow, "workflow");
  }
}
