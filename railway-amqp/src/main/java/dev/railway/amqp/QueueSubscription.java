package dev.railway.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AlreadyClosedException;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Delivery;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one queue with manual acknowledgements: each message goes to the handler on the
 * executor, and its verdict is applied on the channel that delivered it. A message is acknowledged
 * only after its handler's effect is durable, or after it was dead-lettered with a confirmed
 * publish; on any failure in between it stays unacknowledged and the broker redelivers it.
 */
final class QueueSubscription implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(QueueSubscription.class);
  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(10);

  private final BrokerLink link;
  private final QueueSpec spec;
  private final MessageHandler handler;
  private final Executor executor;
  private volatile Channel consuming;
  private volatile Channel deadLetters;
  private volatile String consumerTag;

  /** What to consume and how. */
  record QueueSpec(
      String queue,
      int prefetch,
      boolean declare,
      String sourceExchange,
      String routingKey,
      Duration requeueDelay) {}

  QueueSubscription(BrokerLink link, QueueSpec spec, MessageHandler handler, Executor executor) {
    this.link = link;
    this.spec = spec;
    this.handler = handler;
    this.executor = executor;
  }

  @Override
  public synchronized void open(Connection connection) throws IOException {
    close();
    if (spec.declare()) {
      AmqpTopology.declare(connection, spec.queue(), spec.sourceExchange(), spec.routingKey());
    } else {
      AmqpTopology.check(connection, spec.queue());
    }
    Channel dl = connection.createChannel();
    dl.confirmSelect();
    deadLetters = dl;
    Channel channel = connection.createChannel();
    channel.basicQos(spec.prefetch());
    channel.addShutdownListener(cause -> channelClosed(channel, cause));
    consuming = channel;
    consumerTag =
        channel.basicConsume(
            spec.queue(),
            false,
            new DefaultConsumer(channel) {
              @Override
              public void handleDelivery(
                  String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                Delivery delivery = new Delivery(envelope, properties, body);
                executor.execute(() -> handle(channel, delivery));
              }

              @Override
              public void handleCancel(String tag) {
                // The broker cancelled us (the queue was deleted, a failover): subscribe again.
                link.reopen(QueueSubscription.this, "consumer of " + spec.queue() + " cancelled");
              }
            });
  }

  private void channelClosed(Channel channel, ShutdownSignalException cause) {
    // A closed connection is the link's to handle; a channel-level error only needs a new channel.
    if (!cause.isHardError() && !cause.isInitiatedByApplication() && channel == consuming) {
      link.reopen(this, "channel of " + spec.queue() + " closed: " + cause.getMessage());
    }
  }

  private void handle(Channel channel, Delivery delivery) {
    Verdict verdict;
    try {
      verdict = handler.handle(delivery);
    } catch (RuntimeException e) {
      log.warn("handling a message of {} failed; requeueing it: {}", spec.queue(), e.toString());
      verdict = new Verdict.Requeue(e.toString());
    }
    long tag = delivery.getEnvelope().getDeliveryTag();
    switch (verdict) {
      case Verdict.Ack a -> ack(channel, tag);
      case Verdict.DeadLetter d -> {
        if (deadLetter(delivery, d)) {
          ack(channel, tag);
        } else {
          requeue(channel, tag);
        }
      }
      case Verdict.Requeue r -> {
        log.info(
            "requeueing a message of {} in {}: {}", spec.queue(), spec.requeueDelay(), r.why());
        pause(spec.requeueDelay());
        requeue(channel, tag);
      }
    }
  }

  /** Publishes to the dead-letter exchange and waits for the broker to confirm it. */
  private boolean deadLetter(Delivery delivery, Verdict.DeadLetter verdict) {
    Channel dl = deadLetters;
    if (dl == null || !dl.isOpen()) {
      return false;
    }
    AMQP.BasicProperties original = delivery.getProperties();
    Map<String, Object> headers =
        new HashMap<>(original.getHeaders() == null ? Map.of() : original.getHeaders());
    headers.put(AmqpHeaders.REASON, verdict.reason().code());
    headers.put(AmqpHeaders.DETAIL, verdict.detail());
    headers.put(AmqpHeaders.SOURCE_QUEUE, spec.queue());
    if (!verdict.violations().isEmpty()) {
      headers.put(AmqpHeaders.VIOLATIONS, verdict.violations());
    }
    AMQP.BasicProperties properties = original.builder().headers(headers).deliveryMode(2).build();
    try {
      synchronized (dl) {
        dl.basicPublish(
            AmqpTopology.deadLetterExchange(spec.queue()), "", properties, delivery.getBody());
        dl.waitForConfirmsOrDie(CONFIRM_TIMEOUT.toMillis());
      }
      log.info(
          "dead-lettered a message of {} ({}): {}",
          spec.queue(),
          verdict.reason().code(),
          verdict.detail());
      return true;
    } catch (IOException | TimeoutException | RuntimeException e) {
      log.warn(
          "dead-lettering a message of {} failed; requeueing it: {}", spec.queue(), e.toString());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static void ack(Channel channel, long tag) {
    try {
      synchronized (channel) {
        channel.basicAck(tag, false);
      }
    } catch (IOException | AlreadyClosedException e) {
      // The channel is gone: the broker redelivers the message, and the handlers deduplicate.
      log.debug("acknowledgement lost with its channel: {}", e.toString());
    }
  }

  private static void requeue(Channel channel, long tag) {
    try {
      synchronized (channel) {
        channel.basicNack(tag, false, true);
      }
    } catch (IOException | AlreadyClosedException e) {
      log.debug("requeue lost with its channel (the broker requeues it anyway): {}", e.toString());
    }
  }

  private static void pause(Duration delay) {
    try {
      Thread.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void cancel() {
    Channel channel = consuming;
    String tag = consumerTag;
    if (channel != null && channel.isOpen() && tag != null) {
      try {
        channel.basicCancel(tag);
      } catch (IOException | AlreadyClosedException e) {
        log.debug("cancelling consumer of {}: {}", spec.queue(), e.toString());
      }
    }
  }

  @Override
  public synchronized void close() {
    Channel channel = consuming;
    consuming = null;
    AmqpTopology.closeQuietly(channel);
    AmqpTopology.closeQuietly(deadLetters);
    deadLetters = null;
  }

  @Override
  public String describe() {
    return "consumer of " + spec.queue();
  }
}
