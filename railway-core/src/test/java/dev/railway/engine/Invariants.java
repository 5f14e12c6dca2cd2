package dev.railway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Store;
import dev.railway.store.StreamEvent;
import dev.railway.store.TaskEntry;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** DESIGN.md §6's store-level invariants, checked from what the store holds. */
final class Invariants {
  private Invariants() {}

  static void check(Store store) {
    List<TaskEntry> open = store.openTasks();
    for (InstanceRecord instance : store.instances()) {
      String id = instance.instanceId();
      List<StreamEvent> stream = store.stream(id);
      List<DecisionRecord> decisions = store.decisions(id);

      // I1: at most one decision per task identifier, in the decisions and in the stream.
      assertThat(count(decisions, DecisionRecord::taskId))
          .as("I1: decisions per task of %s", id)
          .allSatisfy((task, n) -> assertThat(n).as("decisions of %s", task).isEqualTo(1L));
      assertThat(
              count(
                  stream.stream().filter(e -> e.kind().equals("Decided")).toList(),
                  StreamEvent::taskId))
          .as("I1: Decided events per task in the stream of %s", id)
          .allSatisfy((task, n) -> assertThat(n).as("Decided events of %s", task).isEqualTo(1L));

      // I2: every accepted trigger started exactly one instance ...
      assertThat(stream.stream().filter(e -> e.kind().equals("TriggerAccepted")).count())
          .as("I2: TriggerAccepted events of %s", id)
          .isEqualTo(1);
      // ... which is finished with one outcome, or has exactly one open task (due, leased or ToDo).
      List<TaskEntry> openHere = open.stream().filter(t -> t.instanceId().equals(id)).toList();
      long finishedEvents = stream.stream().filter(e -> e.kind().equals("Finished")).count();
      if (instance.finished()) {
        assertThat(instance.outcome()).as("I2: outcome of finished %s", id).isNotNull();
        assertThat(finishedEvents).as("I2: Finished events of %s", id).isEqualTo(1);
        assertThat(openHere).as("I2: open tasks of finished %s", id).isEmpty();
      } else {
        assertThat(finishedEvents).as("I2: Finished events of running %s", id).isZero();
        assertThat(openHere).as("I2: open tasks of running %s", id).hasSize(1);
        TaskEntry task = openHere.get(0);
        assertThat(task.todo() || task.dueAt() != null)
            .as("I2: open task %s of %s is a ToDo or due some time", task.taskId(), id)
            .isTrue();
      }
    }
  }

  private static <T> Map<String, Long> count(List<T> items, Function<T, String> key) {
    return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
  }
}
