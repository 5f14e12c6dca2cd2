package dev.railway.amqp;

import dev.railway.definition.Endpoint;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers the ToDo {@code task} of {@code workflow} from the commands in {@code queue}: each body
 * is the JSON of the ToDo's command type, authenticated by {@code authenticator}. The task
 * identifier comes from the {@value AmqpHeaders#TASK_ID} header when present, else from the ToDo's
 * command locator.
 */
public record TodoBinding(
    Workflow<?> workflow,
    String task,
    String queue,
    MessageAuthenticator authenticator,
    ConsumerSettings settings) {

  public TodoBinding {
    Objects.requireNonNull(workflow, "workflow");
    Names.check(queue, "queue");
    Objects.requireNonNull(authenticator, "authenticator");
    Objects.requireNonNull(settings, "settings");
    todoTask(workflow, task);
  }

  /**
   * Consumes {@code queue} for {@code task}, whatever endpoint the task declares (a ToDo declared
   * with an HTTP route can be answered through a queue as well).
   */
  public static TodoBinding of(
      Workflow<?> workflow, String task, String queue, MessageAuthenticator authenticator) {
    return new TodoBinding(workflow, task, queue, authenticator, ConsumerSettings.defaults());
  }

  /** One binding per ToDo of {@code workflow} that declares {@code Endpoint.queue(name)}. */
  public static List<TodoBinding> declaredBy(
      Workflow<?> workflow, MessageAuthenticator authenticator) {
    List<TodoBinding> bindings = new ArrayList<>();
    for (var t : workflow.tasks()) {
      if (t instanceof TodoTask<?, ?, ?> todo
          && todo.endpoint() instanceof Endpoint.QueueConsumer q) {
        bindings.add(of(workflow, todo.name(), q.queue(), authenticator));
      }
    }
    return bindings;
  }

  public TodoBinding withSettings(ConsumerSettings s) {
    return new TodoBinding(workflow, task, queue, authenticator, s);
  }

  TodoTask<?, ?, ?> todo() {
    return todoTask(workflow, task);
  }

  private static TodoTask<?, ?, ?> todoTask(Workflow<?> workflow, String task) {
    Names.check(task, "task");
    var found =
        workflow
            .task(task)
            .orElseThrow(() ->
                new IllegalArgumentException(
                    "workflow " + workflow.id() + " has no task '" + task + "'"));
    if (!(found instanceof TodoTask<?, ?, ?> todo)) {
      throw new IllegalArgumentException(
          "task '" + task + "' of " + workflow.id() + " is not a ToDo; only ToDos take commands");
    }
    return todo;
  }
}
