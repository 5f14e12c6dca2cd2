package dev.railway.amqp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Delivery;
import dev.railway.amqp.Verdict.DeadLetter;
import dev.railway.engine.Engine;
import dev.railway.store.StoreUnavailableException;
import java.io.IOException;
import java.util.List;

/**
 * Trigger intake: a message becomes the start of one workflow instance.
 *
 * <ol>
 *   <li>The event id is the message-id property (or the configured header); none → dead letter.
 *   <li>The body is decoded as the trigger type and validated; undecodable or invalid → dead letter
 *       with the reason.
 *   <li>The engine starts the instance, deduplicated by event id: a redelivered or duplicated
 *       message finds its instance and starts nothing. The start returns once it is committed.
 *   <li>Only then is the message acknowledged. A crash before the acknowledgement redelivers the
 *       message, and step 3 deduplicates it.
 * </ol>
 */
final class TriggerIntake<T> implements MessageHandler {
  private final Engine engine;
  private final TriggerBinding<T> binding;
  private final ObjectMapper json = Json.tolerant();
  private final FailureCounts failures = new FailureCounts();

  TriggerIntake(Engine engine, TriggerBinding<T> binding) {
    this.engine = engine;
    this.binding = binding;
  }

  @Override
  public Verdict handle(Delivery message) {
    String eventId =
        binding.eventIdHeader() == null
            ? message.getProperties().getMessageId()
            : AmqpHeaders.text(message.getProperties().getHeaders(), binding.eventIdHeader());
    if (eventId == null || eventId.isBlank()) {
      return new DeadLetter(
          DeadLetterReason.NO_EVENT_ID,
          binding.eventIdHeader() == null
              ? "the message-id property is missing or blank"
              : "the header " + binding.eventIdHeader() + " is missing or blank");
    }
    Class<T> type = binding.workflow().triggerType();
    T trigger;
    try {
      trigger = json.readValue(message.getBody(), type);
    } catch (JacksonException e) {
      return new DeadLetter(
          DeadLetterReason.UNDECODABLE,
          "not JSON of " + type.getSimpleName() + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      return new DeadLetter(DeadLetterReason.UNDECODABLE, "unreadable body: " + e.getMessage());
    }
    if (trigger == null) {
      return new DeadLetter(
          DeadLetterReason.UNDECODABLE, "the body is JSON null, not " + type.getSimpleName());
    }
    List<String> violations;
    try {
      violations = binding.validation().violations(trigger);
    } catch (RuntimeException e) {
      return new DeadLetter(DeadLetterReason.INVALID, "validation threw: " + e);
    }
    if (!violations.isEmpty()) {
      return new DeadLetter(
          DeadLetterReason.INVALID,
          type.getSimpleName() + " is invalid: " + String.join("; ", violations),
          violations);
    }
    try {
      engine.start(binding.workflow(), eventId, trigger);
      failures.succeeded(eventId);
      return Verdict.ACK;
    } catch (IllegalArgumentException e) {
      return new DeadLetter(DeadLetterReason.INVALID, e.getMessage());
    } catch (StoreUnavailableException e) {
      return new Verdict.Requeue("store unavailable: " + e.getMessage());
    } catch (RuntimeException e) {
      int failed = failures.failed(eventId);
      if (failed >= binding.settings().maxAttempts()) {
        failures.succeeded(eventId);
        return new DeadLetter(
            DeadLetterReason.FAILED_REPEATEDLY,
            "starting " + binding.workflow().id() + " failed " + failed + " times: " + e);
      }
      return new Verdict.Requeue("start failed (" + failed + "): " + e);
    }
  }
}
