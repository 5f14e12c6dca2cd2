package dev.railway.opentelemetry;

import dev.railway.engine.Tracing;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * {@link Tracing} with the OpenTelemetry API: register it with {@code
 * Engine.builder(store).tracing(OpenTelemetryTracing.of(openTelemetry))}.
 *
 * <p>The trigger's context is stored with its instance as a W3C {@code traceparent} (plus {@code
 * tracestate} when there is one), whatever propagators the application configured, so that a worker
 * in another process continues the trace. Each task run, ToDo command and outcome delivery is a
 * span ({@code railway.attempt}, {@code railway.todo}, {@code railway.outcome}) whose parent is the
 * trigger's span, carrying the workflow, instance, task, task id, integration kind, worker and
 * result as {@code railway.*} attributes.
 */
public final class OpenTelemetryTracing implements Tracing {
  /** The instrumentation scope name of Railway's spans. */
  public static final String SCOPE = "dev.railway";

  private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();

  /** Separates traceparent and tracestate in the stored form; a character neither may contain. */
  private static final char SEPARATOR = ' ';

  private static final TextMapGetter<Map<String, String>> MAP =
      new TextMapGetter<>() {
        @Override
        @SuppressWarnings("deprecation") // still abstract in the API versions applications bring
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private final Tracer tracer;

  private OpenTelemetryTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Traces with {@code openTelemetry}'s tracer provider. */
  public static OpenTelemetryTracing of(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new OpenTelemetryTracing(openTelemetry.getTracer(SCOPE));
  }

  @Override
  public boolean enabled() {
    return true;
  }

  @Override
  public String capture() {
    Map<String, String> carrier = new HashMap<>();
    W3C.inject(Context.current(), carrier, Map::put);
    String parent = carrier.get("traceparent");
    if (parent == null) {
      return null;
    }
    String state = carrier.get("tracestate");
    return state == null || state.isEmpty() ? parent : parent + SEPARATOR + state;
  }

  /** The context a stored string names; the root context when it names none. */
  static Context restore(String stored) {
    if (stored == null || stored.isBlank()) {
      return Context.root();
    }
    Map<String, String> carrier = new HashMap<>();
    int cut = stored.indexOf(SEPARATOR);
    carrier.put("traceparent", cut < 0 ? stored : stored.substring(0, cut));
    if (cut >= 0) {
      carrier.put("tracestate", stored.substring(cut + 1));
    }
    return W3C.extract(Context.root(), carrier, MAP);
  }

  @Override
  public Tracing.Span start(String name, String parent, Map<String, String> attributes) {
    Context context = parent == null ? Context.current() : restore(parent);
    var builder = tracer.spanBuilder(name).setParent(context).setSpanKind(SpanKind.INTERNAL);
    attributes.forEach((k, v) -> builder.setAttribute(AttributeKey.stringKey(k), v));
    io.opentelemetry.api.trace.Span span = builder.startSpan();
    Scope scope = span.makeCurrent();
    return new Tracing.Span() {
      private boolean resulted;

      @Override
      public void attribute(String key, String value) {
        span.setAttribute(AttributeKey.stringKey(key), value);
      }

      @Override
      public void result(String result) {
        resulted = true;
        span.setAttribute(AttributeKey.stringKey(Tracing.RESULT), result);
      }

      @Override
      public void failed(Throwable error) {
        span.recordException(error);
        span.setStatus(StatusCode.ERROR, error.toString());
      }

      @Override
      public void close() {
        if (!resulted) {
          // A run that ended without a decision: a retry, an abort, a lock still held elsewhere.
          span.setAttribute(AttributeKey.stringKey(Tracing.RESULT), "no decision");
        }
        scope.close();
        span.end();
      }
    };
  }
}
