package dev.railway.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * The queues and exchanges one consumed queue needs: the queue itself, durable, whose broker-side
 * dead letters go to {@code <queue>.dlx}, a fanout exchange bound to the durable {@code
 * <queue>.dlq}. Railway dead-letters refused messages itself, to the same exchange, so that the
 * reason travels in a header. Producers may declare the same topology before they publish (the
 * bindings declare it when they connect); declaring it twice is harmless.
 */
public final class AmqpTopology {
  private AmqpTopology() {}

  public static String deadLetterExchange(String queue) {
    return queue + ".dlx";
  }

  public static String deadLetterQueue(String queue) {
    return queue + ".dlq";
  }

  /** Declares the topology of {@code queue}; idempotent. */
  public static void declare(Connection connection, String queue) throws IOException {
    declare(connection, queue, null, null);
  }

  /**
   * Declares the topology of {@code queue} (idempotent), and binds it to {@code sourceExchange}
   * with {@code routingKey} when one is given. On a channel of its own: a declaration that clashes
   * with an existing queue closes its channel.
   */
  static void declare(Connection connection, String queue, String sourceExchange, String routingKey)
      throws IOException {
    Channel channel = connection.createChannel();
    try {
      String dlx = deadLetterExchange(queue);
      channel.exchangeDeclare(dlx, "fanout", true);
      channel.queueDeclare(deadLetterQueue(queue), true, false, false, null);
      channel.queueBind(deadLetterQueue(queue), dlx, "");
      channel.queueDeclare(queue, true, false, false, Map.of("x-dead-letter-exchange", dlx));
      if (sourceExchange != null) {
        channel.queueBind(queue, sourceExchange, routingKey);
      }
    } finally {
      closeQuietly(channel);
    }
  }

  /** Checks that {@code queue} exists, for bindings told not to declare anything. */
  static void check(Connection connection, String queue) throws IOException {
    Channel channel = connection.createChannel();
    try {
      channel.queueDeclarePassive(queue);
      channel.exchangeDeclarePassive(deadLetterExchange(queue));
    } finally {
      closeQuietly(channel);
    }
  }

  static void closeQuietly(Channel channel) {
    if (channel == null || !channel.isOpen()) {
      return;
    }
    try {
      channel.close();
    } catch (IOException | TimeoutException | RuntimeException e) {
      // Already closing or closed by the broker: nothing left to release.
    }
  }
}
