package dev.railway.amqp;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.Delivery;
import dev.railway.amqp.Verdict.DeadLetter;
import dev.railway.definition.CommandLocator;
import dev.railway.definition.Principal;
import dev.railway.definition.TodoTask;
import dev.railway.engine.Engine;
import dev.railway.engine.TodoRejectedException;
import dev.railway.store.StoreUnavailableException;
import dev.railway.store.TaskEntry;
import java.io.IOException;
import java.util.Optional;

/**
 * A queue ToDo endpoint, the same path as an HTTP one (DESIGN §5, ToDo):
 *
 * <ol>
 *   <li>authenticate the message; refused → dead letter {@code unauthenticated};
 *   <li>when the task identifier is in a header: the ToDo must exist at this endpoint and the
 *       access rule must let the principal see it, before the body is even decoded;
 *   <li>strict decode of the command; refused → {@code malformed};
 *   <li>the engine's ToDo API: access rule, data contract, expiry, decide, record — the first
 *       decision wins and every refusal names its reason;
 *   <li>acknowledge once the decision is recorded or the refusal dead-lettered. A redelivered
 *       command after a crash finds the ToDo decided: nothing is recorded twice.
 * </ol>
 */
final class QueueTodoEndpoint implements MessageHandler {
  private final Engine engine;
  private final TodoBinding binding;
  private final String workflowId;
  private final Class<?> commandType;
  private final CommandLocator<Object> locator;
  private final ObjectMapper json = Json.strict();
  private final FailureCounts failures = new FailureCounts();

  @SuppressWarnings("unchecked")
  QueueTodoEndpoint(Engine engine, TodoBinding binding) {
    TodoTask<?, ?, ?> todo = binding.todo();
    this.engine = engine;
    this.binding = binding;
    this.workflowId = binding.workflow().id();
    this.commandType = todo.contract().commandType();
    this.locator = (CommandLocator<Object>) todo.locator();
  }

  @Override
  public Verdict handle(Delivery message) {
    Authentication authentication;
    try {
      authentication = binding.authenticator().authenticate(message);
    } catch (RuntimeException e) {
      authentication = new Authentication.Refused("authenticator failed: " + e);
    }
    Principal principal;
    switch (authentication) {
      case Authentication.Refused r -> {
        return new DeadLetter(DeadLetterReason.UNAUTHENTICATED, r.reason());
      }
      case Authentication.Authenticated a -> principal = a.principal();
    }
    String headerTaskId =
        AmqpHeaders.text(message.getProperties().getHeaders(), AmqpHeaders.TASK_ID);
    try {
      if (headerTaskId != null) {
        Optional<DeadLetter> refused = refuseBeforeDecoding(headerTaskId, principal);
        if (refused.isPresent()) {
          return refused.get();
        }
      }
      Object command;
      try {
        command = json.readValue(message.getBody(), commandType);
      } catch (JacksonException e) {
        return new DeadLetter(
            DeadLetterReason.MALFORMED,
            "not JSON of " + commandType.getSimpleName() + ": " + e.getOriginalMessage());
      } catch (IOException e) {
        return new DeadLetter(DeadLetterReason.MALFORMED, "unreadable body: " + e.getMessage());
      }
      if (command == null) {
        return new DeadLetter(
            DeadLetterReason.MALFORMED,
            "the body is JSON null, not " + commandType.getSimpleName());
      }
      String taskId = headerTaskId != null ? headerTaskId : locate(command);
      if (taskId == null) {
        return new DeadLetter(
            DeadLetterReason.UNKNOWN_TASK,
            "no " + AmqpHeaders.TASK_ID + " header and the command names no task");
      }
      if (headerTaskId == null && !atThisEndpoint(taskId)) {
        return new DeadLetter(DeadLetterReason.UNKNOWN_TASK, unknown(taskId));
      }
      engine.todos().complete(taskId, principal, command);
      failures.succeeded(key(message, taskId));
      return Verdict.ACK;
    } catch (TodoRejectedException e) {
      return new DeadLetter(reason(e.reason()), e.getMessage(), e.violations());
    } catch (StoreUnavailableException e) {
      return new Verdict.Requeue("store unavailable: " + e.getMessage());
    } catch (RuntimeException e) {
      String key = key(message, headerTaskId);
      int failed = failures.failed(key);
      if (failed >= binding.settings().maxAttempts()) {
        failures.succeeded(key);
        return new DeadLetter(
            DeadLetterReason.FAILED_REPEATEDLY,
            "command for " + binding.task() + " failed " + failed + " times: " + e);
      }
      return new Verdict.Requeue("command failed (" + failed + "): " + e);
    }
  }

  private Optional<DeadLetter> refuseBeforeDecoding(String taskId, Principal principal) {
    if (!atThisEndpoint(taskId)) {
      return Optional.of(new DeadLetter(DeadLetterReason.UNKNOWN_TASK, unknown(taskId)));
    }
    if (engine.todos().readModel(principal, taskId).isPresent()) {
      return Optional.empty();
    }
    // Hidden from this principal: either decided meanwhile, or the access rule says no.
    if (engine.store().decision(taskId).isPresent()) {
      return Optional.of(
          new DeadLetter(
              DeadLetterReason.ALREADY_DECIDED, "ToDo " + taskId + " was already decided"));
    }
    return Optional.of(
        new DeadLetter(
            DeadLetterReason.ACCESS_DENIED, principal.name() + " may not act on ToDo " + taskId));
  }

  /** A ToDo of another task or workflow is not reachable through this queue. */
  private boolean atThisEndpoint(String taskId) {
    Optional<TaskEntry> entry = engine.store().task(taskId).filter(TaskEntry::todo);
    return entry.isPresent()
        && entry.get().workflow().equals(workflowId)
        && entry.get().taskName().equals(binding.task());
  }

  private String unknown(String taskId) {
    return "no ToDo " + binding.task() + " of " + workflowId + " with id " + taskId;
  }

  private String locate(Object command) {
    if (locator == null) {
      return null;
    }
    try {
      return locator.taskId(command);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String key(Delivery message, String taskId) {
    String id = message.getProperties().getMessageId();
    return id != null ? id : taskId + ":" + java.util.Arrays.hashCode(message.getBody());
  }

  private static DeadLetterReason reason(TodoRejectedException.Reason reason) {
    return switch (reason) {
      case NOT_FOUND -> DeadLetterReason.UNKNOWN_TASK;
      case ACCESS_DENIED -> DeadLetterReason.ACCESS_DENIED;
      case CONTRACT_VIOLATED -> DeadLetterReason.CONTRACT_VIOLATED;
      case ALREADY_DECIDED -> DeadLetterReason.ALREADY_DECIDED;
      case EXPIRED -> DeadLetterReason.EXPIRED;
    };
  }
}
