package dev.railway.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.railway.amqp.Shop.OrderPlaced;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.ForwardingStore;
import dev.railway.store.InMemoryStore;
import dev.railway.store.NewInstance;
import dev.railway.store.StartResult;
import dev.railway.store.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * A trigger is acknowledged only once its start is durable: while the store is down the intake
 * holds its messages unacknowledged, so when the broker closes the connection meanwhile they are
 * delivered again, and once the store is back every trigger starts exactly one instance.
 */
class StoreOutageTest {
  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final int TRIGGERS = 20;

  /**
   * A store whose starts fail while it is down, and which records every start it is asked for. The
   * engine retries a failed batch with the same objects; a redelivered message makes a new one.
   */
  static final class FlakyStore extends ForwardingStore {
    volatile boolean down = true;
    final Map<String, Set<NewInstance>> asked = new ConcurrentHashMap<>();

    FlakyStore() {
      super(new InMemoryStore(Clock.systemUTC()));
    }

    @Override
    public List<StartResult> startAll(List<NewInstance> instances) {
      for (NewInstance i : instances) {
        asked
            .computeIfAbsent(
                i.triggerEventId(),
                id ->
                    Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>())))
            .add(i);
      }
      if (down) {
        throw new StoreUnavailableException("the test took the store down", null);
      }
      return super.startAll(instances);
    }
  }

  @Test
  void triggersHeldWhileTheStoreIsDownAreRedeliveredAndStartOnce() throws Exception {
    String queue = TestBroker.unique("outage");
    Workflow<OrderPlaced> workflow = Shop.orders("orders");
    FlakyStore store = new FlakyStore();
    Engine engine = Engine.builder(store).workflow(workflow).build();
    ObjectMapper json = new ObjectMapper();
    try (Connection test = TestBroker.connect("test-" + queue)) {
      Channel channel = test.createChannel();
      AmqpTopology.declare(test, queue);
      AmqpBindings bindings =
          AmqpBindings.builder(engine, TestBroker.factory())
              .connectionName(queue)
              .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(500))
              .trigger(TriggerBinding.of(workflow, queue))
              .start();
      try {
        for (int i = 0; i < TRIGGERS; i++) {
          channel.basicPublish(
              "",
              queue,
              new AMQP.BasicProperties.Builder().messageId("o-" + i).deliveryMode(2).build(),
              json.writeValueAsBytes(new OrderPlaced("o-" + i, i)));
        }
        // Every trigger delivered to the intake (none left ready in the queue), none started.
        await(
            () ->
                channel.queueDeclarePassive(queue).getMessageCount() == 0 && !store.asked.isEmpty(),
            "every trigger in hand");
        assertThat(store.instances()).isEmpty();

        // The broker drops the connection while the starts wait for the store: the triggers
        // were not acknowledged, so the broker hands every one of them out again.
        int connects = bindings.connects();
        assertThat(TestBroker.closeConnectionsNamed(queue)).isEqualTo(1);
        await(() -> bindings.connects() > connects, "the reconnection");

        store.down = false;
        await(() -> store.instances().size() == TRIGGERS, "every trigger started");
        // Each trigger reached the engine twice, through its first delivery (started once the
        // store was back) and its redelivery (found a duplicate): it was never acknowledged early.
        await(
            () -> store.asked.values().stream().allMatch(deliveries -> deliveries.size() >= 2),
            "every trigger redelivered and handled again");
        bindings.close();
        // Closing returns unacknowledged messages to the queue: none may be left.
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
        assertThat(
                channel.queueDeclarePassive(AmqpTopology.deadLetterQueue(queue)).getMessageCount())
            .isZero();
        assertThat(store.instances()).hasSize(TRIGGERS);
      } finally {
        bindings.close();
        TestBroker.deleteQueueTopology(channel, queue);
      }
    } finally {
      engine.stop(Duration.ofSeconds(5));
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(Condition condition, String what) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + PATIENCE + " waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
