package dev.railway.examples;

import dev.railway.definition.Workflow;
import dev.railway.examples.orders.OrderCreation;
import dev.railway.examples.orders.OrderCreationBroken;
import dev.railway.examples.orders.OrderServices;
import dev.railway.examples.refunds.RefundWorkflows;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The bundled example workflows by name, for {@code railway validate --example NAME} and {@code
 * railway diagram --example NAME}. Their third parties are not connected: calling one fails with a
 * message pointing at {@code ./railway demo}.
 */
public final class Examples {

  /** One bundled example. */
  public record Example(String name, String description, Supplier<Workflow<?>> workflow) {}

  private static final List<Example> ALL =
      List.of(
          new Example(
              "orders",
              "the paper's order creation: every kind of integration and ToDo",
              () -> OrderCreation.workflow(OrderServices.notConnected())),
          new Example(
              "orders-broken",
              "a deliberately invalid draft of order creation (validate exits 1)",
              OrderCreationBroken::workflow),
          new Example(
              "refunds",
              "the README's first workflow: one Idempotent task",
              () -> new RefundWorkflows().workflows().getFirst()));

  private Examples() {}

  /** Every example, in a stable order. */
  public static List<Example> all() {
    return ALL;
  }

  /** Example names, in the order of {@link #all()}. */
  public static List<String> names() {
    return ALL.stream().map(Example::name).toList();
  }

  public static Optional<Example> find(String name) {
    return ALL.stream().filter(e -> e.name().equals(name)).findFirst();
  }
}
