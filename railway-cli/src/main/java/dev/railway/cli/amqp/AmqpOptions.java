package dev.railway.cli.amqp;

import com.rabbitmq.client.ConnectionFactory;
import dev.railway.amqp.AmqpBindings;
import dev.railway.amqp.MessageAuthenticator;
import dev.railway.amqp.OutcomeBinding;
import dev.railway.amqp.TodoBinding;
import dev.railway.amqp.TriggerBinding;
import dev.railway.definition.Principal;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * {@code --amqp URI [--amqp-prefix P] [--amqp-role R]...}: runs the RabbitMQ bindings of the loaded
 * workflows next to the engine. Mixed into the commands that run workflows; the topology is named
 * after the prefix so that several deployments can share one broker:
 *
 * <ul>
 *   <li>{@code P.<workflow>.triggers}: trigger intake of each workflow (message id = event id);
 *   <li>the queue each ToDo declares with {@code Endpoint.queue(name)}, authenticated by the
 *       broker-validated {@code user-id} property, with the roles given by {@code --amqp-role};
 *   <li>{@code P.outcomes}: the topic exchange every outcome is published to, with confirms;
 *   <li>{@code <queue>.dlx} / {@code <queue>.dlq}: where each queue's refused messages go.
 * </ul>
 */
public final class AmqpOptions {
  @Option(
      names = "--amqp",
      paramLabel = "URI",
      description = {
        "Also run the RabbitMQ bindings of the workflows: trigger intake, queue ToDo endpoints",
        "and outcome publishing (e.g. amqp://guest:guest@127.0.0.1:5672). See docs/AMQP.md."
      })
  public String uri;

  @Option(
      names = "--amqp-prefix",
      defaultValue = "railway",
      description = "Prefix of the queue and exchange names (default: ${DEFAULT-VALUE}).")
  public String prefix = "railway";

  @Option(
      names = "--amqp-role",
      paramLabel = "ROLE",
      description = {
        "A role of the broker users whose messages answer queue ToDos (repeatable); the",
        "sender is the message's user-id property, which the broker validates."
      })
  public List<String> roles = new ArrayList<>();

  public boolean enabled() {
    return uri != null;
  }

  /** The problem with these options, or null when they can be used. */
  public String problem() {
    if (uri == null) {
      return null;
    }
    try {
      new ConnectionFactory().setUri(uri);
    } catch (Exception e) {
      return "--amqp needs an AMQP URI such as amqp://guest:guest@127.0.0.1:5672; was '"
          + uri
          + "' ("
          + e.getMessage()
          + ")";
    }
    if (prefix.isBlank() || prefix.startsWith("amq.")) {
      return "--amqp-prefix must be non-blank and not start with 'amq.'; was '" + prefix + "'";
    }
    return null;
  }

  public String triggerQueue(Workflow<?> workflow) {
    return prefix + "." + workflow.name() + ".triggers";
  }

  public String outcomesExchange() {
    return prefix + ".outcomes";
  }

  /** Bindings on {@link #uri} for {@code engine}, named {@code connectionName}, not started. */
  public AmqpBindings.Builder builder(Engine engine, String connectionName) {
    return AmqpBindings.builder(engine, uri).connectionName(connectionName);
  }

  /**
   * Starts the bindings of {@code workflows}: their trigger intake, the queue ToDos they declare,
   * and outcome publishing. Outcomes that no queue is bound to are confirmed and dropped by the
   * broker, so that a worker without subscribers does not hold its outbox back.
   */
  public AmqpBindings start(Engine engine, String connectionName, List<Workflow<?>> workflows) {
    Set<String> granted = Set.copyOf(roles);
    MessageAuthenticator byUser =
        MessageAuthenticator.brokerUserId(user -> Optional.of(new Principal(user, granted)));
    AmqpBindings.Builder b = builder(engine, connectionName);
    for (Workflow<?> w : workflows) {
      b.trigger(TriggerBinding.of(w, triggerQueue(w)));
      b.todos(TodoBinding.declaredBy(w, byUser));
    }
    return b.outcomes(OutcomeBinding.to(outcomesExchange()).withRequireRoute(false)).start();
  }
}
