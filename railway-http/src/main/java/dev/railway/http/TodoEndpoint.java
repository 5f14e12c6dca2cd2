package dev.railway.http;

import dev.railway.definition.Endpoint;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A ToDo as an endpoint serves it: the workflow, the task, and the route segment or queue name that
 * its commands arrive on.
 */
public record TodoEndpoint(Workflow<?> workflow, TodoTask<?, ?, ?> todo, String address) {
  public TodoEndpoint {
    Objects.requireNonNull(workflow, "workflow");
    Objects.requireNonNull(todo, "todo");
    Objects.requireNonNull(address, "address");
  }

  /**
   * Every ToDo of the engine's workflows whose endpoint is an HTTP route, in registration order.
   */
  public static List<TodoEndpoint> httpRoutes(Engine engine) {
    List<TodoEndpoint> served = new ArrayList<>();
    for (Workflow<?> w : engine.workflows()) {
      for (var task : w.tasks()) {
        if (task instanceof TodoTask<?, ?, ?> todo
            && todo.endpoint() instanceof Endpoint.HttpRoute route) {
          served.add(new TodoEndpoint(w, todo, route.segment()));
        }
      }
    }
    return served;
  }

  /** Every ToDo of the engine's workflows whose endpoint is a message queue. */
  public static List<TodoEndpoint> queues(Engine engine) {
    List<TodoEndpoint> served = new ArrayList<>();
    for (Workflow<?> w : engine.workflows()) {
      for (var task : w.tasks()) {
        if (task instanceof TodoTask<?, ?, ?> todo
            && todo.endpoint() instanceof Endpoint.QueueConsumer queue) {
          served.add(new TodoEndpoint(w, todo, queue.queue()));
        }
      }
    }
    return served;
  }
}
