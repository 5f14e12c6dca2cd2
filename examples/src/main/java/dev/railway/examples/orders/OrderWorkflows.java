package dev.railway.examples.orders;

import dev.railway.definition.Workflow;
import dev.railway.definition.WorkflowProvider;
import java.util.List;

/**
 * The order creation workflow for tools ({@code railway:validate}, {@code railway:diagrams} in this
 * module's build): tools never call the third parties, so services that are not connected do.
 */
public final class OrderWorkflows implements WorkflowProvider {
  @Override
  public List<Workflow<?>> workflows() {
    return List.of(OrderCreation.workflow(OrderServices.notConnected()));
  }
}
