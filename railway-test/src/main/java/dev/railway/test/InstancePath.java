package dev.railway.test;

import dev.railway.store.DecisionRecord;
import dev.railway.store.InstanceRecord;
import dev.railway.store.Store;
import java.util.List;

/**
 * Assertions on the path an instance took, read from the store: which tasks decided, in order, and
 * how it ended. Failures say what the path was.
 *
 * <pre>{@code
 * railway.assertThat("order:o-1")
 *     .wentThrough("reserve-stock", "create-invoice")
 *     .endedWith(OrderConfirmed.class);
 * }</pre>
 */
public final class InstancePath {
  private final Store store;
  private final String instanceId;

  InstancePath(Store store, String instanceId) {
    this.store = store;
    this.instanceId = instanceId;
  }

  private InstanceRecord instance() {
    return store
        .instance(instanceId)
        .orElseThrow(() ->
            new AssertionError(
                "no instance "
                    + instanceId
                    + "; instances: "
                    + store.instances().stream().map(InstanceRecord::instanceId).toList()));
  }

  /** The tasks that decided, in order. */
  public List<String> tasks() {
    instance();
    return store.decisions(instanceId).stream().map(DecisionRecord::taskName).toList();
  }

  /** The decided task names and their events, as {@code task → Event}, for messages. */
  private String path() {
    return String.join(
        ", ",
        store.decisions(instanceId).stream()
            .map(d -> d.taskName() + " → " + simple(d.event().type()))
            .toList());
  }

  /** The instance decided exactly these tasks, in this order. */
  public InstancePath wentThrough(String... tasks) {
    List<String> expected = List.of(tasks);
    if (!tasks().equals(expected)) {
      throw new AssertionError(
          instanceId + " was expected to go through " + expected + " but went: " + path());
    }
    return this;
  }

  /** The instance decided {@code task} (among others), with an event of {@code event}'s type. */
  public InstancePath decided(String task, Class<?> event) {
    boolean found =
        store.decisions(instanceId).stream()
            .anyMatch(d -> d.taskName().equals(task) && d.event().type().equals(event.getName()));
    if (!found) {
      throw new AssertionError(
          instanceId
              + " was expected to decide "
              + task
              + " with "
              + event.getSimpleName()
              + " but went: "
              + path());
    }
    return this;
  }

  /** The instance finished with an outcome of this type. */
  public InstancePath endedWith(Class<?> outcome) {
    InstanceRecord i = instance();
    if (!i.finished()) {
      throw new AssertionError(instanceId + " has not finished; so far it went: " + path());
    }
    if (!i.outcome().type().equals(outcome.getName())) {
      throw new AssertionError(
          instanceId
              + " was expected to end with "
              + outcome.getSimpleName()
              + " but ended with "
              + simple(i.outcome().type())
              + " after: "
              + path());
    }
    return this;
  }

  /** The instance has not finished. */
  public InstancePath isRunning() {
    if (instance().finished()) {
      throw new AssertionError(
          instanceId + " was expected to be running but ended after: " + path());
    }
    return this;
  }

  private static String simple(String typeName) {
    int dot = Math.max(typeName.lastIndexOf('.'), typeName.lastIndexOf('$'));
    return typeName.substring(dot + 1);
  }
}
