package dev.railway.amqp;

import com.rabbitmq.client.ConnectionFactory;
import dev.railway.engine.Engine;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Connects an {@link Engine} to a RabbitMQ broker: trigger intake, queue ToDo endpoints and outcome
 * publishing over one connection that is kept up through broker restarts, dropped connections,
 * closed channels and cancelled consumers.
 *
 * <pre>{@code
 * AmqpBindings amqp = AmqpBindings.builder(engine, "amqp://guest:guest@127.0.0.1:5672")
 *     .trigger(TriggerBinding.of(refunds, "refunds.requested"))
 *     .todos(TodoBinding.declaredBy(orders, MessageAuthenticator.hmacSha256("psp", key)))
 *     .outcomes(OutcomeBinding.to("railway.outcomes"))
 *     .start();
 * ...
 * amqp.close();   // before engine.stop(...)
 * }</pre>
 */
public final class AmqpBindings implements AutoCloseable {
  private final BrokerLink link;
  private final OutcomePublisher publisher;
  private final ExecutorService handlers;
  private final Duration drain;

  private AmqpBindings(Builder b) {
    this.link = new BrokerLink(b.factory, b.connectionName, b.firstRetry, b.lastRetry);
    this.handlers = b.handlers;
    this.drain = b.drain;
    for (TriggerBinding<?> t : b.triggers) {
      link.add(
          new QueueSubscription(
              link,
              spec(t.queue(), t.settings(), t.sourceExchange(), t.routingKey()),
              new TriggerIntake<>(b.engine, t),
              handlers));
    }
    for (TodoBinding t : b.todos) {
      link.add(
          new QueueSubscription(
              link,
              spec(t.queue(), t.settings(), null, null),
              new QueueTodoEndpoint(b.engine, t),
              handlers));
    }
    if (b.outcomes != null) {
      publisher = new OutcomePublisher(link, b.outcomes);
      b.engine.onOutcome(publisher);
    } else {
      publisher = null;
    }
  }

  private static QueueSubscription.QueueSpec spec(
      String queue, ConsumerSettings s, String exchange, String key) {
    return new QueueSubscription.QueueSpec(
        queue, s.prefetch(), s.declare(), exchange, key, s.requeueDelay());
  }

  /**
   * Bindings for {@code engine} on the broker at {@code uri} ({@code
   * amqp://user:pass@host:port/vhost}).
   */
  public static Builder builder(Engine engine, String uri) {
    ConnectionFactory factory = new ConnectionFactory();
    try {
      factory.setUri(new URI(uri));
    } catch (URISyntaxException | GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not an AMQP URI: '" + uri + "' (" + e.getMessage() + ")", e);
    }
    return new Builder(engine, factory);
  }

  /** Bindings for {@code engine} on the broker that {@code factory} connects to. */
  public static Builder builder(Engine engine, ConnectionFactory factory) {
    return new Builder(engine, factory);
  }

  /** How many connections were established so far (1 after start, more after recoveries). */
  public int connects() {
    return link.connects();
  }

  /**
   * Stops consuming, lets the messages in hand finish (their acknowledgements included), then
   * closes the connection. Call it before stopping the engine: a message in hand when the engine
   * stops goes back to the queue, unacknowledged, and is handled again later.
   */
  @Override
  public void close() {
    if (publisher != null) {
      publisher.close();
    }
    link.stop(
        drain,
        () -> {
          handlers.shutdown();
          try {
            if (!handlers.awaitTermination(drain.toMillis(), TimeUnit.MILLISECONDS)) {
              handlers.shutdownNow();
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            handlers.shutdownNow();
          }
        });
  }

  /** Configures {@link AmqpBindings}; every value is checked, and a bad one is named. */
  public static final class Builder {
    private final Engine engine;
    private final ConnectionFactory factory;
    private final List<TriggerBinding<?>> triggers = new ArrayList<>();
    private final List<TodoBinding> todos = new ArrayList<>();
    private OutcomeBinding outcomes;
    private String connectionName = "railway";
    private Duration firstRetry = Duration.ofMillis(100);
    private Duration lastRetry = Duration.ofSeconds(10);
    private Duration drain = Duration.ofSeconds(10);
    private ExecutorService handlers;

    private Builder(Engine engine, ConnectionFactory factory) {
      this.engine = Objects.requireNonNull(engine, "engine");
      this.factory = Objects.requireNonNull(factory, "factory");
    }

    public Builder trigger(TriggerBinding<?> binding) {
      triggers.add(Objects.requireNonNull(binding, "binding"));
      return this;
    }

    public Builder todo(TodoBinding binding) {
      todos.add(Objects.requireNonNull(binding, "binding"));
      return this;
    }

    public Builder todos(List<TodoBinding> bindings) {
      bindings.forEach(this::todo);
      return this;
    }

    public Builder outcomes(OutcomeBinding binding) {
      this.outcomes = Objects.requireNonNull(binding, "binding");
      return this;
    }

    /** The client-provided connection name, as the broker's management tools show it. */
    public Builder connectionName(String name) {
      this.connectionName = Names.check(name, "connectionName");
      return this;
    }

    /** Delays between reconnection attempts: doubling from {@code first} up to {@code last}. */
    public Builder reconnectDelays(Duration first, Duration last) {
      Objects.requireNonNull(first, "first");
      Objects.requireNonNull(last, "last");
      if (first.isNegative() || first.isZero() || last.compareTo(first) < 0) {
        throw new IllegalArgumentException(
            "reconnect delays must be positive with first <= last; were " + first + ", " + last);
      }
      this.firstRetry = first;
      this.lastRetry = last;
      return this;
    }

    /** How long {@link #close()} lets the messages in hand finish (default 10 s). */
    public Builder drain(Duration drain) {
      Objects.requireNonNull(drain, "drain");
      if (drain.isNegative()) {
        throw new IllegalArgumentException("drain must not be negative; was " + drain);
      }
      this.drain = drain;
      return this;
    }

    /**
     * Runs message handlers on {@code executor} (default: a virtual thread per message; the
     * bindings' prefetch bounds how many are in hand). Shut down by {@link AmqpBindings#close()}.
     */
    public Builder handlers(ExecutorService executor) {
      this.handlers = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /** Starts connecting (in the background, retrying until the broker answers) and consuming. */
    public AmqpBindings start() {
      if (triggers.isEmpty() && todos.isEmpty() && outcomes == null) {
        throw new IllegalStateException("configure at least one trigger, ToDo or outcome binding");
      }
      List<String> queues = new ArrayList<>();
      triggers.forEach(t -> queues.add(t.queue()));
      todos.forEach(t -> queues.add(t.queue()));
      for (String q : queues) {
        if (queues.indexOf(q) != queues.lastIndexOf(q)) {
          throw new IllegalStateException(
              "queue '" + q + "' is bound twice; one binding per queue");
        }
      }
      if (handlers == null) {
        handlers = Executors.newVirtualThreadPerTaskExecutor();
      }
      AmqpBindings bindings = new AmqpBindings(this);
      bindings.link.start();
      return bindings;
    }
  }
}
