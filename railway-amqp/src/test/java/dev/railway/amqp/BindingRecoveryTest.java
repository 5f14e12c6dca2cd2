package dev.railway.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.railway.amqp.Shop.OrderPlaced;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.InMemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Consumer cancellation and an outcome nobody can receive: survived, nothing lost. */
class BindingRecoveryTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void aCancelledConsumerIsReopenedAndConsumesAgain() throws Exception {
    String queue = TestBroker.unique("cancel");
    Workflow<OrderPlaced> workflow = Shop.orders("orders");
    InMemoryStore store = new InMemoryStore(java.time.Clock.systemUTC());
    Engine engine = Engine.builder(store).workflow(workflow).build();
    try (Connection test = TestBroker.connect("test-" + queue);
        AmqpBindings bindings =
            AmqpBindings.builder(engine, TestBroker.factory())
                .connectionName(queue)
                .reconnectDelays(Duration.ofMillis(50), Duration.ofMillis(500))
                .trigger(TriggerBinding.of(workflow, queue))
                .start()) {
      Channel channel = test.createChannel();
      try {
        await(() -> consumers(channel, queue) == 1, "the consumer");
        publish(channel, queue, "before");
        await(() -> store.instances().size() == 1, "the first instance");
        // Deleting the queue cancels the consumer on the broker's side (as a failover would).
        channel.queueDelete(queue);
        await(() -> consumers(channel, queue) == 1, "the consumer to come back");
        for (int i = 0; i < 20; i++) {
          publish(channel, queue, "after-" + i);
        }
        await(() -> store.instances().size() == 21, "every later trigger started");
        assertThat(bindings.connects()).as("the connection itself survived").isEqualTo(1);
      } finally {
        TestBroker.deleteQueueTopology(channel, queue);
      }
    } finally {
      engine.stop(Duration.ofSeconds(5));
    }
  }

  @Test
  void anOutcomeNoQueueReceivesStaysInTheOutboxUntilOneIsBound() throws Exception {
    String exchange = TestBroker.unique("outcomes");
    String seen = TestBroker.unique("seen");
    Workflow<OrderPlaced> workflow = Shop.orders("orders");
    InMemoryStore store = new InMemoryStore(java.time.Clock.systemUTC());
    Engine engine = Engine.builder(store).workflow(workflow).build();
    try (Connection test = TestBroker.connect("test-" + exchange);
        AmqpBindings bindings =
            AmqpBindings.builder(engine, TestBroker.factory())
                .connectionName(exchange)
                .outcomes(OutcomeBinding.to(exchange))
                .start()) {
      Channel channel = test.createChannel();
      try {
        for (int i = 0; i < 5; i++) {
          engine.trigger(workflow, new OrderPlaced("o-" + i, 10));
        }
        engine.runDueTasks(); // decides all five, then tries to deliver: the broker returns them
        assertThat(store.undelivered(10)).as("returned, so not delivered").hasSize(5);
        channel.exchangeDeclare(exchange, "topic", true);
        channel.queueDeclare(seen, false, false, true, null);
        channel.queueBind(seen, exchange, "orders.#");
        await(() -> engine.deliverOutcomes() >= 0 && store.undelivered(10).isEmpty(), "delivery");
        List<GetResponse> got = new ArrayList<>();
        await(
            () -> {
              got.addAll(TestBroker.drain(channel, seen));
              return got.size() >= 5;
            },
            "five outcomes");
        Set<String> ids = new HashSet<>();
        for (GetResponse r : got) {
          ids.add(r.getProps().getMessageId());
          assertThat(r.getEnvelope().getRoutingKey()).isEqualTo("orders.OrderConfirmed");
          assertThat(AmqpHeaders.text(r.getProps().getHeaders(), AmqpHeaders.INSTANCE_ID))
              .startsWith("orders:o-");
        }
        assertThat(ids)
            .containsExactlyInAnyOrder(
                "orders:o-0/outcome",
                "orders:o-1/outcome",
                "orders:o-2/outcome",
                "orders:o-3/outcome",
                "orders:o-4/outcome");
      } finally {
        channel.queueDelete(seen);
        channel.exchangeDelete(exchange);
      }
    } finally {
      engine.stop(Duration.ofSeconds(5));
    }
  }

  private void publish(Channel channel, String queue, String id) throws Exception {
    channel.basicPublish(
        "",
        queue,
        new AMQP.BasicProperties.Builder().messageId(id).build(),
        json.writeValueAsBytes(new OrderPlaced(id, 1)));
  }

  private static int consumers(Channel channel, String queue) throws Exception {
    Connection c = channel.getConnection();
    Channel probe = c.createChannel();
    try {
      return probe.queueDeclarePassive(queue).getConsumerCount();
    } catch (java.io.IOException e) {
      return 0; // not declared (yet): a failed passive declare closes only the probe
    } finally {
      AmqpTopology.closeQuietly(probe);
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
