package dev.railway.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.engine.testing.ManualEngine;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.InMemoryStore;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@RailwayTest
class RailwayTestTest {
  record OrderPlaced(String id) {}

  record StockReserved(String id) {}

  record OrderConfirmed(String id) {}

  record OrderFailed(String id) {}

  /** Reserve fails {@code failures} times (retried after the default backoff), then succeeds. */
  static Workflow<OrderPlaced> orders(AtomicInteger failures) {
    return Workflow.builder("order", OrderPlaced.class)
        .startAt("reserve-stock")
        .triggerId(OrderPlaced::id)
        .task(
            Tasks.idempotent("reserve-stock", OrderPlaced.class, Boolean.class)
                .identifiedBy(o -> "reserve-" + o.id())
                .attempt((o, taskId) -> {
                  if (failures.getAndDecrement() > 0) {
                    throw new IllegalStateException("stock service down");
                  }
                  return Boolean.TRUE;
                })
                .decide((o, ok) -> new StockReserved(o.id()), StockReserved.class)
                .onFault((e, o, taskId) -> new OrderFailed(o.id()), OrderFailed.class)
                .goTo(StockReserved.class, "create-invoice")
                .outcome(OrderFailed.class)
                .build())
        .task(
            Tasks.idempotent("create-invoice", StockReserved.class, Boolean.class)
                .identifiedBy(s -> "invoice-" + s.id())
                .attempt((s, taskId) -> Boolean.TRUE)
                .decide((s, ok) -> new OrderConfirmed(s.id()), OrderConfirmed.class)
                .onFault((e, s, taskId) -> new OrderFailed(s.id()), OrderFailed.class)
                .outcome(OrderConfirmed.class)
                .outcome(OrderFailed.class)
                .build())
        .build();
  }

  @Test
  void theInstanceWentThroughBothTasks(Railway railway) {
    Workflow<OrderPlaced> orders = orders(new AtomicInteger());
    ManualEngine engine = railway.engine(orders);
    engine.trigger(orders, new OrderPlaced("o-1"));
    railway.runUntilIdle();
    railway
        .assertThat("order:o-1")
        .wentThrough("reserve-stock", "create-invoice")
        .decided("reserve-stock", StockReserved.class)
        .endedWith(OrderConfirmed.class);
    assertThat(railway.outcomes()).containsExactly(new OrderConfirmed("o-1"));
    assertThat(railway.store()).isInstanceOf(InMemoryStore.class);
  }

  @Test
  void timeMovesOnlyWhenTheTestMovesIt(Railway railway) {
    Workflow<OrderPlaced> orders = orders(new AtomicInteger(1));
    ManualEngine engine = railway.engine(orders);
    engine.trigger(orders, new OrderPlaced("o-2"));
    railway.runUntilIdle();
    // The first attempt failed: the retry waits for its backoff, which only the clock reaches.
    railway.assertThat("order:o-2").isRunning().wentThrough();
    railway.clock().advance(Duration.ofHours(1));
    railway.runUntilIdle();
    railway.assertThat("order:o-2").endedWith(OrderConfirmed.class);
  }

  @Test
  void aWrongPathFailsAndShowsThePathTaken(Railway railway) {
    Workflow<OrderPlaced> orders = orders(new AtomicInteger());
    railway.engine(orders).trigger(orders, new OrderPlaced("o-3"));
    railway.runUntilIdle();
    assertThatThrownBy(() -> railway.assertThat("order:o-3").wentThrough("create-invoice"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("reserve-stock → StockReserved, create-invoice → OrderConfirmed");
    assertThatThrownBy(() -> railway.assertThat("order:o-3").endedWith(OrderFailed.class))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("ended with OrderConfirmed");
    assertThatThrownBy(() -> railway.assertThat("order:nope").wentThrough())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no instance order:nope");
  }

  @Nested
  @RailwayTest(store = RailwayTest.StoreKind.SQLITE)
  class OnSqlite {
    @Test
    void theSamePathOnTheEmbeddedStore(Railway railway) {
      assertThat(railway.store()).isInstanceOf(SqliteStore.class);
      Workflow<OrderPlaced> orders = orders(new AtomicInteger());
      railway.engine(orders).trigger(orders, new OrderPlaced("o-4"));
      railway.runUntilIdle();
      railway
          .assertThat("order:o-4")
          .wentThrough("reserve-stock", "create-invoice")
          .endedWith(OrderConfirmed.class);
    }
  }
}
