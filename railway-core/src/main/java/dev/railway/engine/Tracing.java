package dev.railway.engine;

import java.util.Map;

/**
 * Where the engine reports its work to a tracing system: one span per task run (an attempt, or a
 * ToDo's expiry check), per ToDo command and per outcome delivery. The trigger's trace is captured
 * when an instance starts and stored with it, and every span of the instance continues it, on any
 * worker and after any restart.
 *
 * <p>The default, {@link #NONE}, does nothing and costs nothing (the engine does not even read the
 * stored context). {@code railway-opentelemetry} implements it with the OpenTelemetry API.
 * Implementations must be quick and must not throw: they run inside every attempt.
 */
public interface Tracing {

  /** No tracing: the default. */
  Tracing NONE = new Tracing() {};

  /** Attribute names, shared by every implementation. */
  String WORKFLOW = "railway.workflow";

  String INSTANCE_ID = "railway.instance_id";
  String TASK = "railway.task";
  String TASK_ID = "railway.task_id";
  String KIND = "railway.kind";
  String WORKER = "railway.worker";
  String RESULT = "railway.result";
  String EVENT_ID = "railway.event_id";

  /** Whether spans are recorded at all; when false the engine skips looking up stored contexts. */
  default boolean enabled() {
    return false;
  }

  /**
   * The caller's current trace context, serialized to be stored with a new instance (for example a
   * W3C {@code traceparent}); null when there is none.
   */
  default String capture() {
    return null;
  }

  /**
   * Starts a span, the current one on this thread until closed.
   *
   * @param name the span's name ({@code railway.attempt}, {@code railway.todo}, {@code
   *     railway.outcome})
   * @param parent a context from {@link #capture()}, or null to continue the current one
   * @param attributes what the span is about ({@link #WORKFLOW}, {@link #TASK_ID}, {@link #KIND}
   *     ...)
   */
  default Span start(String name, String parent, Map<String, String> attributes) {
    return Span.NONE;
  }

  /** A started span: say what came of the work, then close it (once). */
  interface Span extends AutoCloseable {
    Span NONE = new Span() {};

    /** Adds an attribute learnt after the span started. */
    default void attribute(String name, String value) {}

    /** Sets {@link #RESULT} (a decision's event type, {@code retry}, {@code delivered} ...). */
    default void result(String result) {}

    /** Marks the span as failed with {@code error}. */
    default void failed(Throwable error) {}

    @Override
    default void close() {}
  }
}
