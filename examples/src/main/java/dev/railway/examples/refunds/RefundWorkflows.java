package dev.railway.examples.refunds;

import dev.railway.definition.Workflow;
import dev.railway.definition.WorkflowProvider;
import java.util.List;

/**
 * Shows how tools find your workflows: {@code ./railway validate --class
 * dev.railway.examples.refunds.RefundWorkflows}. Tools never call the third party, so a refund API
 * that refuses every call is enough here.
 */
public final class RefundWorkflows implements WorkflowProvider {
  @Override
  public List<Workflow<?>> workflows() {
    return List.of(
        Refunds.workflow((key, paymentId, amount) -> {
          throw new IllegalStateException("not connected: this provider is for validate/diagram");
        }));
  }
}
