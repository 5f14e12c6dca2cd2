package dev.railway.amqp;

import com.rabbitmq.client.Delivery;

/** Handles one consumed message and says what becomes of it; never acknowledges by itself. */
@FunctionalInterface
interface MessageHandler {
  Verdict handle(Delivery message);
}
