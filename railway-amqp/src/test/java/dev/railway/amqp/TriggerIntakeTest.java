package dev.railway.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import dev.railway.amqp.Shop.OrderPlaced;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trigger intake and outcome publishing end to end on a real broker and a SQLite store: 5,000
 * triggers with 10 % duplicated and 1 % undecodable messages, once undisturbed and once while the
 * broker closes the bindings' connection several times.
 */
class TriggerIntakeTest {
  private static final int TRIGGERS = 5_000;
  private static final int DUPLICATES = TRIGGERS / 10;
  private static final int UNDECODABLE = TRIGGERS / 100;
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void everyDistinctTriggerStartsOneInstanceAndEveryOutcomeIsPublished() throws Exception {
    run(0);
  }

  @Test
  void theSameTotalsWhileTheBrokerClosesTheConnection() throws Exception {
    run(3);
  }

  private void run(int brokerCloses) throws Exception {
    long seed = Long.getLong("railway.test.seed", System.nanoTime());
    System.out.printf(
        "TriggerIntakeTest seed %d (rerun with -Drailway.test.seed=%d)%n", seed, seed);
    Random random = new Random(seed);
    String queue = TestBroker.unique("triggers");
    String exchange = TestBroker.unique("outcomes");
    String seen = TestBroker.unique("outcomes-seen");
    String connectionName = TestBroker.unique("bindings");
    Workflow<OrderPlaced> workflow = Shop.orders("orders");
    ObjectMapper json = new ObjectMapper();

    try (Connection test = TestBroker.connect("test-" + connectionName);
        Store store = SqliteStore.open(dir.resolve("railway.db"))) {
      Channel admin = test.createChannel();
      try {
        AmqpTopology.declare(test, queue, null, null);
        admin.exchangeDeclare(exchange, "topic", true);
        admin.queueDeclare(seen, true, false, false, null);
        admin.queueBind(seen, exchange, "#");

        // The consumer of the outcomes deduplicates by message id, as the README tells users to.
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        Channel consumer = test.createChannel();
        consumer.basicConsume(
            seen,
            true,
            new DefaultConsumer(consumer) {
              @Override
              public void handleDelivery(
                  String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                deliveries.incrementAndGet();
                outcomes.computeIfAbsent(props.getMessageId(), id -> new AtomicInteger());
              }
            });

        Engine engine =
            Engine.builder(store).workflow(workflow).pollInterval(Duration.ofMillis(20)).build();
        engine.startWorkers();
        AmqpBindings bindings =
            AmqpBindings.builder(engine, TestBroker.factory())
                .connectionName(connectionName)
                .reconnectDelays(Duration.ofMillis(50), Duration.ofSeconds(1))
                .trigger(TriggerBinding.of(workflow, queue))
                .outcomes(OutcomeBinding.to(exchange))
                .start();
        try {
          // Publish: every distinct trigger once, a tenth of them twice, and some garbage.
          List<byte[][]> messages = new ArrayList<>();
          Set<String> distinct = new HashSet<>();
          for (int i = 0; i < TRIGGERS; i++) {
            String id = "order-" + i;
            distinct.add(id);
            byte[] body = json.writeValueAsBytes(new OrderPlaced(id, 1 + random.nextInt(500)));
            messages.add(new byte[][] {id.getBytes(StandardCharsets.UTF_8), body});
            if (i < DUPLICATES) {
              messages.add(new byte[][] {id.getBytes(StandardCharsets.UTF_8), body});
            }
          }
          Set<String> garbage = new HashSet<>();
          for (int i = 0; i < UNDECODABLE; i++) {
            String id = "garbage-" + i;
            garbage.add(id);
            String body = i % 2 == 0 ? "{\"orderId\": \"x\", " : "not json at all " + i;
            messages.add(
                new byte[][] {
                  id.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)
                });
          }
          Collections.shuffle(messages, random);
          Channel publisher = test.createChannel();
          publisher.confirmSelect();
          for (byte[][] m : messages) {
            publisher.basicPublish(
                "",
                queue,
                new AMQP.BasicProperties.Builder()
                    .messageId(new String(m[0], StandardCharsets.UTF_8))
                    .contentType("application/json")
                    .deliveryMode(2)
                    .build(),
                m[1]);
          }
          publisher.waitForConfirmsOrDie(30_000);

          // Close the bindings' connection from the broker's side at spread-out points of progress.
          for (int k = 1; k <= brokerCloses; k++) {
            int threshold = TRIGGERS * k / (brokerCloses + 1);
            await(() -> outcomes.size() >= threshold, "outcomes reach " + threshold, outcomes);
            int connectsBefore = bindings.connects();
            assertThat(TestBroker.closeConnectionsNamed(connectionName))
                .as("connections closed by the broker")
                .isEqualTo(1);
            await(() -> bindings.connects() > connectsBefore, "a reconnection", outcomes);
          }

          await(() -> outcomes.size() >= TRIGGERS, "every outcome published", outcomes);
          List<GetResponse> dead = new ArrayList<>();
          await(
              () -> {
                try {
                  dead.addAll(TestBroker.drain(admin, AmqpTopology.deadLetterQueue(queue)));
                } catch (java.io.IOException e) {
                  throw new IllegalStateException(e);
                }
                return dead.size() >= UNDECODABLE;
              },
              "every undecodable message dead-lettered",
              outcomes);

          // Every distinct trigger started exactly one instance, and every one finished.
          List<InstanceRecord> instances = store.instances();
          Set<String> started = new HashSet<>();
          instances.forEach(i -> started.add(i.instanceId().substring("orders:".length())));
          assertThat(instances).hasSize(TRIGGERS);
          assertThat(started).isEqualTo(distinct);
          assertThat(instances).allMatch(InstanceRecord::finished);

          // Every undecodable message is in the dead-letter queue, with its reason.
          Set<String> deadIds = new HashSet<>();
          for (GetResponse r : dead) {
            deadIds.add(r.getProps().getMessageId());
            Map<String, Object> h = r.getProps().getHeaders();
            assertThat(AmqpHeaders.text(h, AmqpHeaders.REASON))
                .isEqualTo(DeadLetterReason.UNDECODABLE.code());
            assertThat(AmqpHeaders.text(h, AmqpHeaders.DETAIL)).contains("OrderPlaced");
            assertThat(AmqpHeaders.text(h, AmqpHeaders.SOURCE_QUEUE)).isEqualTo(queue);
          }
          // A redelivery after a broker-side close may dead-letter a message twice; never lose one.
          assertThat(deadIds).isEqualTo(garbage);
          if (brokerCloses == 0) {
            assertThat(dead).hasSize(UNDECODABLE);
          }

          // Every outcome confirmed at least once; deduplicated by message id, each seen once.
          Set<String> expectedOutcomes = new HashSet<>();
          instances.forEach(i -> expectedOutcomes.add(outcomeEventId(store, i)));
          assertThat(outcomes.keySet()).isEqualTo(expectedOutcomes);
          assertThat(deliveries.get()).isGreaterThanOrEqualTo(TRIGGERS);
          assertThat(store.undelivered(10)).isEmpty();
          assertThat(admin.queueDeclarePassive(queue).getMessageCount()).isZero();
          System.out.printf(
              "TriggerIntakeTest: %d messages, %d instances, %d dead letters, %d outcome deliveries"
                  + " (%d redelivered), %d connections%n",
              messages.size(),
              instances.size(),
              dead.size(),
              deliveries.get(),
              deliveries.get() - outcomes.size(),
              bindings.connects());
        } finally {
          bindings.close();
          engine.stop(Duration.ofSeconds(10));
        }
      } finally {
        TestBroker.deleteQueueTopology(admin, queue);
        admin.queueDelete(seen);
        admin.exchangeDelete(exchange);
      }
    }
  }

  /** The stable event id of an instance's outcome, as the stores write it to the outbox. */
  private static String outcomeEventId(Store store, InstanceRecord instance) {
    return instance.instanceId() + "/outcome";
  }

  private static void await(BooleanSupplier condition, String what, Map<String, ?> progress)
      throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after "
                + PATIENCE
                + " waiting for "
                + what
                + "; outcomes so far: "
                + progress.size());
      }
      Thread.sleep(20);
    }
  }
}
