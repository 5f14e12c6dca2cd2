package shop;

import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.definition.WorkflowProvider;
import java.util.List;

public final class ShopWorkflows implements WorkflowProvider {
  public record OrderPlaced(String id) {}

  public record StockReserved(String id) {}

  public record OrderFailed(String id) {}

  @Override
  public List<Workflow<?>> workflows() {
    return List.of(
        Workflow.builder("order", OrderPlaced.class)
            .startAt("reserve-stock")
            .triggerId(OrderPlaced::id)
            .task(
                Tasks.idempotent("reserve-stock", OrderPlaced.class, Boolean.class)
                    .identifiedBy(o -> "reserve-" + o.id())
                    .attempt((o, taskId) -> Boolean.TRUE)
                    .decide((o, ok) -> new StockReserved(o.id()), StockReserved.class)
                    .onFault((e, o, taskId) -> new OrderFailed(o.id()), OrderFailed.class)
                    .outcome(OrderFailed.class)
                    .build())
            .build());
  }
}
