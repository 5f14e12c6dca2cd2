package dev.railway.engine;

import dev.railway.definition.Emission;
import dev.railway.definition.Route;
import dev.railway.definition.Task;
import dev.railway.definition.TodoTask;
import dev.railway.definition.Workflow;
import dev.railway.validation.InvalidWorkflowException;
import dev.railway.validation.ValidationReport;
import dev.railway.validation.WorkflowValidator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's validated workflows, by {@code name@version}; registers their types with the codec.
 */
final class WorkflowRegistry {
  private final Map<String, Workflow<?>> workflows = new LinkedHashMap<>();

  WorkflowRegistry(List<Workflow<?>> definitions, EventCodec codec) {
    for (Workflow<?> w : definitions) {
      ValidationReport report = WorkflowValidator.validate(w);
      if (!report.isValid()) {
        throw new InvalidWorkflowException(report);
      }
      if (workflows.putIfAbsent(w.id(), w) != null) {
        throw new IllegalArgumentException("workflow " + w.id() + " is registered twice");
      }
      codec.register(w.triggerType());
      for (Task<?> t : w.tasks()) {
        t.emissions().stream().map(Emission::eventType).forEach(codec::register);
        t.routes().stream().map(Route::eventType).forEach(codec::register);
        if (t instanceof TodoTask<?, ?, ?> todo) {
          codec.register(todo.readModelType());
        }
      }
    }
  }

  Workflow<?> workflow(String id) {
    Workflow<?> w = workflows.get(id);
    if (w == null) {
      throw new IllegalStateException(
          "the store holds work of workflow " + id + ", which is not registered with this engine");
    }
    return w;
  }

  Task<?> task(String workflowId, String taskName) {
    return workflow(workflowId)
        .task(taskName)
        .orElseThrow(() ->
            new IllegalStateException(
                "workflow " + workflowId + " has no task '" + taskName + "'"));
  }

  List<Workflow<?>> all() {
    return List.copyOf(workflows.values());
  }
}
