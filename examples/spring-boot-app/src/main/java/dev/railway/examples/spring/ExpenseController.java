package dev.railway.examples.spring;

import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.store.StartResult;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Files an expense: starts the workflow (a repeated request starts nothing new). */
@RestController
public class ExpenseController {
  private final Engine engine;
  private final Workflow<Expenses.ExpenseFiled> workflow;

  public ExpenseController(Engine engine, Workflow<Expenses.ExpenseFiled> workflow) {
    this.engine = engine;
    this.workflow = workflow;
  }

  @PostMapping("/expenses")
  public ResponseEntity<Map<String, Object>> file(@RequestBody Expenses.ExpenseFiled expense) {
    if (expense.id() == null || expense.id().isBlank() || expense.cents() <= 0) {
      return ResponseEntity.badRequest()
          .body(Map.of("error", "an expense needs an id and a positive amount; was " + expense));
    }
    StartResult result = engine.trigger(workflow, expense);
    return ResponseEntity.accepted()
        .body(Map.of("expense", expense.id(), "started", result.toString()));
  }
}
