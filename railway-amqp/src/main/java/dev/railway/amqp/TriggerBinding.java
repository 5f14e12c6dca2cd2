package dev.railway.amqp;

import dev.railway.definition.Workflow;
import java.util.Objects;

/**
 * Starts {@code workflow} from the messages of {@code queue}: each body is the JSON of the
 * workflow's trigger type, and the trigger's event id is the message-id property, or the header
 * {@code eventIdHeader} when one is named. Build with {@link #of} and the {@code with...} methods.
 *
 * @param sourceExchange when not null, the queue is bound to this existing exchange (an event
 *     stream) with {@code routingKey}
 */
public record TriggerBinding<T>(
    Workflow<T> workflow,
    String queue,
    String eventIdHeader,
    TriggerValidation<T> validation,
    String sourceExchange,
    String routingKey,
    ConsumerSettings settings) {

  public TriggerBinding {
    Objects.requireNonNull(workflow, "workflow");
    Names.check(queue, "queue");
    if (eventIdHeader != null && eventIdHeader.isBlank()) {
      throw new IllegalArgumentException("eventIdHeader must not be blank; was ''");
    }
    Objects.requireNonNull(validation, "validation");
    if (sourceExchange != null) {
      Names.check(sourceExchange, "sourceExchange");
      Objects.requireNonNull(routingKey, "routingKey (use \"#\" for every event)");
    }
    Objects.requireNonNull(settings, "settings");
  }

  /** Starts {@code workflow} from {@code queue}, event id from the message-id property. */
  public static <T> TriggerBinding<T> of(Workflow<T> workflow, String queue) {
    return new TriggerBinding<>(
        workflow, queue, null, TriggerValidation.none(), null, null, ConsumerSettings.defaults());
  }

  /** Takes the trigger's event id from this header instead of the message-id property. */
  public TriggerBinding<T> withEventIdHeader(String header) {
    Names.check(header, "eventIdHeader");
    return new TriggerBinding<>(
        workflow, queue, header, validation, sourceExchange, routingKey, settings);
  }

  /** Refuses (dead-letters) triggers that {@code check} finds problems in. */
  public TriggerBinding<T> withValidation(TriggerValidation<T> check) {
    return new TriggerBinding<>(
        workflow, queue, eventIdHeader, check, sourceExchange, routingKey, settings);
  }

  /** Binds the queue to an existing exchange, e.g. the event stream of an event-sourced system. */
  public TriggerBinding<T> withSource(String exchange, String key) {
    return new TriggerBinding<>(
        workflow, queue, eventIdHeader, validation, exchange, key, settings);
  }

  public TriggerBinding<T> withSettings(ConsumerSettings s) {
    return new TriggerBinding<>(
        workflow, queue, eventIdHeader, validation, sourceExchange, routingKey, s);
  }
}
