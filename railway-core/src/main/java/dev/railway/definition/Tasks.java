package dev.railway.definition;

/**
 * Entry points for building tasks, one per shape and integration kind.
 *
 * <pre>{@code
 * Tasks.pessimisticLock("create-invoice", StockReserved.class, Invoice.class)
 *     .identifiedBy(e -> "invoice-" + e.orderId())
 *     .attempt((e, id) -> invoicing.create(id, e.lines()))
 *     .previous((e, id) -> invoicing.findByReference(id))
 *     .decide((e, invoice) -> new InvoiceCreated(e.orderId(), invoice.number()), InvoiceCreated.class)
 *     .onFault((err, e, id) -> new OrderCancelled(e.orderId(), "invoicing"), OrderCancelled.class)
 *     .goTo(InvoiceCreated.class, "create-payment-attempt")
 *     .outcome(OrderCancelled.class)
 *     .build();
 * }</pre>
 */
public final class Tasks {
  private Tasks() {}

  public static <E, R> IdempotentBuilder<E, R> idempotent(
      String name, Class<E> inputType, Class<R> resultType) {
    return new IdempotentBuilder<>(name, inputType, resultType);
  }

  public static <E, R> PessimisticLockBuilder<E, R> pessimisticLock(
      String name, Class<E> inputType, Class<R> resultType) {
    return new PessimisticLockBuilder<>(name, inputType, resultType);
  }

  /** {@code S} is the handle of a first step, compared with {@code equals}. */
  public static <E, S, R> OptimisticLockBuilder<E, S, R> optimisticLock(
      String name, Class<E> inputType, Class<S> stepType, Class<R> resultType) {
    Checks.notNull(stepType, "first step type of task '" + name + "'");
    return new OptimisticLockBuilder<>(name, inputType, resultType);
  }

  public static <E, R> BlackBoxedBuilder<E, R> blackBoxed(
      String name, Class<E> inputType, Class<R> resultType) {
    return new BlackBoxedBuilder<>(name, inputType, resultType);
  }

  public static <E, M, C> TodoBuilder<E, M, C> todo(
      String name, Class<E> inputType, Class<M> readModelType, Class<C> commandType) {
    return new TodoBuilder<>(name, inputType, readModelType, commandType);
  }
}
