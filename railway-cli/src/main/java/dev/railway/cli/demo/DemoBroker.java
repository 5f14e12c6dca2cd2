package dev.railway.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import dev.railway.amqp.AmqpBindings;
import dev.railway.amqp.AmqpHeaders;
import dev.railway.amqp.AmqpTopology;
import dev.railway.amqp.HmacKey;
import dev.railway.amqp.MessageAuthenticator;
import dev.railway.amqp.MessageSigner;
import dev.railway.amqp.OutcomeBinding;
import dev.railway.amqp.TodoBinding;
import dev.railway.amqp.TriggerBinding;
import dev.railway.cli.amqp.AmqpOptions;
import dev.railway.definition.Principal;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.examples.orders.OrderCreation;
import dev.railway.examples.orders.OrderPlaced;
import dev.railway.examples.orders.PaymentWebhook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * {@code railway demo --amqp URI}: the orders reach the engine as messages on the order workflow's
 * trigger queue, the payment provider answers the receive-payment ToDo with HMAC-signed messages on
 * a queue, and every outcome is published to an exchange with confirms. Queue and exchange names
 * carry a run id, so demos on one broker never share them; they are deleted at the end.
 */
final class DemoBroker implements AutoCloseable {
  private static final byte[] PROVIDER_SECRET =
      "demo-payment-provider-secret-0123456789".getBytes(StandardCharsets.UTF_8);

  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  private final MessageSigner provider = new MessageSigner("payment-provider", PROVIDER_SECRET);
  private final Workflow<OrderPlaced> workflow;
  private final String triggers;
  private final String webhooks;
  private final String outcomes;
  private final String outcomesSeen;
  private final Connection connection;
  private final Channel publisher;
  private final Channel admin;
  private final AmqpBindings bindings;
  private final Set<String> outcomeIds = ConcurrentHashMap.newKeySet();
  private int outcomeDeliveries;

  DemoBroker(AmqpOptions options, Engine engine, Workflow<OrderPlaced> workflow)
      throws IOException, TimeoutException {
    this.workflow = workflow;
    String run = options.prefix + ".demo-" + UUID.randomUUID().toString().substring(0, 8);
    this.triggers = run + ".orders.triggers";
    this.webhooks = run + ".webhooks.payments";
    this.outcomes = run + ".outcomes";
    this.outcomesSeen = run + ".outcomes.seen";
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(options.uri);
    } catch (Exception e) {
      throw new IllegalArgumentException("bad --amqp URI: " + e.getMessage(), e);
    }
    connection = factory.newConnection(run + ".client");
    admin = connection.createChannel();
    // The consumer of the outcomes exists before the first outcome: it deduplicates by message id.
    admin.exchangeDeclare(outcomes, "topic", true);
    admin.queueDeclare(outcomesSeen, true, false, false, null);
    admin.queueBind(outcomesSeen, outcomes, "#");
    Channel consumer = connection.createChannel();
    consumer.basicConsume(
        outcomesSeen,
        true,
        new DefaultConsumer(consumer) {
          @Override
          public void handleDelivery(
              String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            synchronized (DemoBroker.this) {
              outcomeDeliveries++;
            }
            outcomeIds.add(properties.getMessageId());
          }
        });
    bindings =
        options
            .builder(engine, run)
            .trigger(TriggerBinding.of(workflow, triggers))
            .todo(
                TodoBinding.of(
                    workflow,
                    OrderCreation.RECEIVE_PAYMENT,
                    webhooks,
                    MessageAuthenticator.hmacSha256(
                        "payment-provider",
                        new HmacKey(
                            PROVIDER_SECRET,
                            Principal.of(
                                "payment-provider", OrderCreation.PAYMENT_PROVIDER_ROLE)))))
            .outcomes(OutcomeBinding.to(outcomes))
            .start();
    // The bindings declare their queues in the background; declaring them here as well (the same
    // way, so idempotent) means no order is published to a queue that does not exist yet.
    AmqpTopology.declare(connection, triggers);
    AmqpTopology.declare(connection, webhooks);
    publisher = connection.createChannel();
    publisher.confirmSelect();
  }

  String describe() {
    return "orders to queue "
        + triggers
        + ", webhooks to queue "
        + webhooks
        + ", outcomes to "
        + outcomes;
  }

  /** Publishes an order as its trigger message; the message id is the trigger's event id. */
  void placeOrder(OrderPlaced order) throws IOException, InterruptedException, TimeoutException {
    publish(triggers, workflow.triggerId().apply(order), Map.of(), json.writeValueAsBytes(order));
  }

  /** The payment provider's webhook, signed with its key, to the receive-payment ToDo's queue. */
  void sendWebhook(PaymentWebhook webhook)
      throws IOException, InterruptedException, TimeoutException {
    byte[] body = json.writeValueAsBytes(webhook);
    publish(webhooks, UUID.randomUUID().toString(), provider.headers(body), body);
  }

  private synchronized void publish(
      String queue, String messageId, Map<String, Object> headers, byte[] body)
      throws IOException, InterruptedException, TimeoutException {
    publisher.basicPublish(
        "",
        queue,
        new AMQP.BasicProperties.Builder()
            .messageId(messageId)
            .contentType("application/json")
            .deliveryMode(2)
            .headers(headers)
            .build(),
        body);
    publisher.waitForConfirmsOrDie(10_000);
  }

  /** Dead letters of the webhook queue, by reason code; they are taken off the queue. */
  Map<String, Integer> takeWebhookDeadLetters(Map<String, Integer> into) throws IOException {
    for (GetResponse r = admin.basicGet(webhooks + ".dlq", true);
        r != null;
        r = admin.basicGet(webhooks + ".dlq", true)) {
      into.merge(AmqpHeaders.text(r.getProps().getHeaders(), AmqpHeaders.REASON), 1, Integer::sum);
    }
    return into;
  }

  long triggerDeadLetters() throws IOException {
    return admin.queueDeclarePassive(triggers + ".dlq").getMessageCount();
  }

  int distinctOutcomes() {
    return outcomeIds.size();
  }

  synchronized int outcomeDeliveries() {
    return outcomeDeliveries;
  }

  /** Stops the bindings (before the engine stops) and deletes this run's queues and exchanges. */
  @Override
  public void close() throws IOException {
    bindings.close();
    for (String q : new String[] {triggers, webhooks}) {
      admin.queueDelete(q);
      admin.queueDelete(q + ".dlq");
      admin.exchangeDelete(q + ".dlx");
    }
    admin.queueDelete(outcomesSeen);
    admin.exchangeDelete(outcomes);
    connection.close();
  }
}
