package dev.railway.amqp;

import com.rabbitmq.client.Connection;
import java.io.IOException;

/** A consumer that the {@link BrokerLink} (re)opens on every new connection. */
interface Subscription {
  /**
   * Declares what it needs and starts consuming on {@code connection}, replacing any old channel.
   */
  void open(Connection connection) throws IOException;

  /** Stops taking new messages; those in hand are still acknowledged. */
  void cancel();

  /** Releases its channels; unacknowledged messages go back to the queue. */
  void close();

  String describe();
}
