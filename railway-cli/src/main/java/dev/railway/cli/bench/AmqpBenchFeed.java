package dev.railway.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.railway.amqp.AmqpBindings;
import dev.railway.amqp.AmqpTopology;
import dev.railway.amqp.OutcomeBinding;
import dev.railway.amqp.TriggerBinding;
import dev.railway.cli.amqp.AmqpOptions;
import dev.railway.cli.bench.BenchEvents.Started;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * {@code railway bench --amqp URI}: the triggers reach the engine through the broker (published
 * with confirms to a trigger queue, consumed by the trigger intake) and every outcome is published
 * to an exchange with confirms, so the measured path is broker → started → decided → outcome
 * confirmed. Queue and exchange carry the run id and are deleted at the end.
 */
final class AmqpBenchFeed implements AutoCloseable {
  private static final int CONFIRM_EVERY = 500;

  private final String queue;
  private final String exchange;
  private final Connection connection;
  private final Channel channel;
  private final AmqpBindings bindings;
  private final ObjectMapper json = new ObjectMapper();

  AmqpBenchFeed(AmqpOptions options, Engine engine, Workflow<Started> workflow, String run)
      throws IOException, TimeoutException {
    queue = options.prefix + ".bench-" + run + ".triggers";
    exchange = options.prefix + ".bench-" + run + ".outcomes";
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(options.uri);
    } catch (Exception e) {
      throw new IllegalArgumentException("bad --amqp URI: " + e.getMessage(), e);
    }
    connection = factory.newConnection("bench-" + run + "-publisher");
    AmqpTopology.declare(connection, queue);
    channel = connection.createChannel();
    channel.confirmSelect();
    bindings =
        options
            .builder(engine, "bench-" + run)
            .trigger(TriggerBinding.of(workflow, queue))
            .outcomes(OutcomeBinding.to(exchange).withRequireRoute(false))
            .start();
  }

  /** Publishes each trigger with its event id as message id; returns once the broker has all. */
  void publish(List<Started> triggers, Latencies latencies, String workflowName)
      throws IOException, InterruptedException, TimeoutException {
    AMQP.BasicProperties.Builder props =
        new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2);
    int n = 0;
    for (Started s : triggers) {
      latencies.triggered(workflowName + ":" + s.id());
      channel.basicPublish("", queue, props.messageId(s.id()).build(), json.writeValueAsBytes(s));
      if (++n % CONFIRM_EVERY == 0) {
        channel.waitForConfirmsOrDie(60_000);
      }
    }
    channel.waitForConfirmsOrDie(60_000);
  }

  @Override
  public void close() throws IOException {
    bindings.close();
    channel.queueDelete(queue);
    channel.queueDelete(AmqpTopology.deadLetterQueue(queue));
    channel.exchangeDelete(AmqpTopology.deadLetterExchange(queue));
    channel.exchangeDelete(exchange);
    connection.close();
  }
}
