package dev.railway.amqp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import dev.railway.engine.OutcomeListener;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * Outcome publishing: an outcome counts as delivered only once the broker confirmed it. The engine
 * marks an outbox entry delivered only after every listener returned, so this listener returns only
 * after the confirm and throws on a nack, a timeout, a returned (unroutable) message or a broker it
 * cannot reach: the outcome stays in the outbox and is published again, under the same message id
 * (its stable event id), for the consumers to deduplicate. The engine delivers outbox entries in
 * order, one at a time, so the outcomes of an instance are published in order.
 */
final class OutcomePublisher implements OutcomeListener {
  private final BrokerLink link;
  private final OutcomeBinding binding;
  private final ObjectMapper json = Json.tolerant();
  private final Set<String> returned = ConcurrentHashMap.newKeySet();
  private Channel channel;
  private volatile boolean closed;

  OutcomePublisher(BrokerLink link, OutcomeBinding binding) {
    this.link = link;
    this.binding = binding;
  }

  @Override
  public synchronized void onOutcome(
      String eventId, String workflow, String instanceId, Object outcome) {
    if (closed) {
      throw new BrokerUnavailableException(
          "outcome publishing to " + binding.exchange() + " stopped");
    }
    byte[] body;
    try {
      body = json.writeValueAsBytes(outcome);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write outcome " + eventId + " as JSON", e);
    }
    AMQP.BasicProperties properties =
        new AMQP.BasicProperties.Builder()
            .messageId(eventId)
            .type(outcome.getClass().getName())
            .contentType("application/json")
            .deliveryMode(2)
            .headers(Map.of(AmqpHeaders.WORKFLOW, workflow, AmqpHeaders.INSTANCE_ID, instanceId))
            .build();
    Channel c = channel();
    try {
      returned.remove(eventId);
      c.basicPublish(
          binding.exchange(),
          routingKey(workflow, outcome),
          binding.requireRoute(),
          properties,
          body);
      // Throws on a nack and on timeout, closing the channel: the next outcome opens a new one.
      c.waitForConfirmsOrDie(binding.confirmTimeout().toMillis());
    } catch (IOException | TimeoutException | RuntimeException e) {
      channel = null;
      AmqpTopology.closeQuietly(c);
      throw new BrokerUnavailableException(
          "outcome " + eventId + " not confirmed by the broker: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      channel = null;
      AmqpTopology.closeQuietly(c);
      throw new BrokerUnavailableException("interrupted awaiting the confirm of " + eventId, e);
    }
    // The broker sends a return before the confirm of the same message, so it is known by now.
    if (returned.remove(eventId)) {
      throw new BrokerUnavailableException(
          "outcome " + eventId + " was returned: no queue is bound to " + binding.exchange());
    }
  }

  static String routingKey(String workflow, Object outcome) {
    int at = workflow.indexOf('@');
    String name = at < 0 ? workflow : workflow.substring(0, at);
    return name + "." + outcome.getClass().getSimpleName();
  }

  private Channel channel() {
    Channel c = channel;
    if (c != null && c.isOpen()) {
      return c;
    }
    Connection connection = link.connection();
    try {
      if (binding.declare()) {
        Channel declaring = connection.createChannel();
        try {
          declaring.exchangeDeclare(binding.exchange(), "topic", true);
        } finally {
          AmqpTopology.closeQuietly(declaring);
        }
      }
      c = connection.createChannel();
      c.confirmSelect();
      c.addReturnListener(r -> returned.add(String.valueOf(r.getProperties().getMessageId())));
    } catch (IOException | RuntimeException e) {
      throw new BrokerUnavailableException("cannot open a publishing channel: " + e, e);
    }
    channel = c;
    return c;
  }

  synchronized void close() {
    closed = true;
    AmqpTopology.closeQuietly(channel);
    channel = null;
  }
}
