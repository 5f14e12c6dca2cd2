package dev.railway.engine;

import dev.railway.store.InstanceRecord;
import dev.railway.store.OutboxEntry;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The engine's side of {@link Tracing}: which spans it opens, with which attributes, under which
 * stored trace. With {@link Tracing#NONE} every method returns at once, without a store read.
 */
final class Traces {
  private final Tracing tracing;
  private final Store store;
  private final String workerId;

  /** The span of the task run or ToDo command on this thread, which a decision reports to. */
  private final ThreadLocal<Tracing.Span> current = new ThreadLocal<>();

  Traces(Tracing tracing, Store store, String workerId) {
    this.tracing = tracing;
    this.store = store;
    this.workerId = workerId;
  }

  /** The trigger's trace, to be stored with its new instance. */
  String capture() {
    return tracing.enabled() ? tracing.capture() : null;
  }

  /** A span for one run of a task (an attempt, or a ToDo's expiry check). */
  Tracing.Span taskRun(TaskEntry entry) {
    return open("railway.attempt", entry);
  }

  /** A span for one ToDo command. */
  Tracing.Span todoCommand(TaskEntry entry) {
    Tracing.Span span = open("railway.todo", entry);
    span.attribute(Tracing.KIND, "ToDo");
    return span;
  }

  private Tracing.Span open(String name, TaskEntry entry) {
    if (!tracing.enabled()) {
      return Tracing.Span.NONE;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(Tracing.WORKFLOW, entry.workflow());
    attributes.put(Tracing.INSTANCE_ID, entry.instanceId());
    attributes.put(Tracing.TASK, entry.taskName());
    attributes.put(Tracing.TASK_ID, entry.taskId());
    attributes.put(Tracing.WORKER, workerId);
    Tracing.Span span = tracing.start(name, storedContext(entry.instanceId()), attributes);
    Tracing.Span previous = current.get();
    current.set(span);
    return new Tracing.Span() {
      @Override
      public void attribute(String n, String value) {
        span.attribute(n, value);
      }

      @Override
      public void result(String result) {
        span.result(result);
      }

      @Override
      public void failed(Throwable error) {
        span.failed(error);
      }

      @Override
      public void close() {
        if (previous == null) {
          current.remove();
        } else {
          current.set(previous);
        }
        span.close();
      }
    };
  }

  /** Says what the current task run or command decided. */
  void decided(String result) {
    Tracing.Span span = current.get();
    if (span != null) {
      span.result(result);
    }
  }

  /** A span for one delivery of an outcome to the listeners and chained workflows. */
  Tracing.Span outcomeDelivery(OutboxEntry entry, String outcomeType) {
    if (!tracing.enabled()) {
      return Tracing.Span.NONE;
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put(Tracing.WORKFLOW, entry.workflow());
    attributes.put(Tracing.INSTANCE_ID, entry.instanceId());
    attributes.put(Tracing.EVENT_ID, entry.eventId());
    attributes.put(Tracing.KIND, "outcome");
    attributes.put(Tracing.WORKER, workerId);
    attributes.put("railway.outcome", outcomeType);
    return tracing.start("railway.outcome", storedContext(entry.instanceId()), attributes);
  }

  /** The trace the instance's trigger arrived in; a store that cannot say starts a new trace. */
  private String storedContext(String instanceId) {
    try {
      return store.instance(instanceId).map(InstanceRecord::traceContext).orElse(null);
    } catch (RuntimeException e) {
      return null;
    }
  }
}
