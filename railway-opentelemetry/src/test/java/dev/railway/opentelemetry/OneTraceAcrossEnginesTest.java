package dev.railway.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Principal;
import dev.railway.definition.Tasks;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.engine.Tracing;
import dev.railway.jdbc.SqliteStore;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One trace for one instance whose work is done by two engines: the first reserves stock and stops;
 * the second, started on the same store file (a restart, or another worker), takes the manager's
 * approval and creates the invoice. Every span continues the trace of the request that triggered
 * the instance.
 */
class OneTraceAcrossEnginesTest {
  record OrderPlaced(String id) {}

  record StockReserved(String id) {}

  record Review(String id) {}

  record Decision(boolean approve) {}

  record Approved(String id) {}

  record Refused(String id) {}

  record OrderConfirmed(String id) {}

  record OrderFailed(String id) {}

  static Workflow<OrderPlaced> workflow() {
    return Workflow.builder("order", OrderPlaced.class)
        .startAt("reserve-stock")
        .triggerId(OrderPlaced::id)
        .task(
            Tasks.idempotent("reserve-stock", OrderPlaced.class, Boolean.class)
                .identifiedBy(o -> "reserve-" + o.id())
                .attempt((o, taskId) -> Boolean.TRUE)
                .decide((o, ok) -> new StockReserved(o.id()), StockReserved.class)
                .onFault((e, o, taskId) -> new OrderFailed(o.id()), OrderFailed.class)
                .goTo(StockReserved.class, "approve")
                .outcome(OrderFailed.class)
                .build())
        .task(
            Tasks.todo("approve", StockReserved.class, Review.class, Decision.class)
                .identifiedBy(s -> "approve-" + s.id())
                .readModel((s, taskId) -> new Review(s.id()))
                .access("a manager", (p, r) -> p.hasRole("manager"))
                .contract(d -> List.of())
                .decide(
                    (r, d) -> d.approve() ? new Approved(r.id()) : new Refused(r.id()),
                    Approved.class,
                    Refused.class)
                .cannotExpire()
                .goTo(Approved.class, "create-invoice")
                .outcome(Refused.class)
                .build())
        .task(
            Tasks.idempotent("create-invoice", Approved.class, Boolean.class)
                .identifiedBy(a -> "invoice-" + a.id())
                .attempt((a, taskId) -> Boolean.TRUE)
                .decide((a, ok) -> new OrderConfirmed(a.id()), OrderConfirmed.class)
                .onFault((e, a, taskId) -> new OrderFailed(a.id()), OrderFailed.class)
                .outcome(OrderConfirmed.class)
                .outcome(OrderFailed.class)
                .build())
        .build();
  }

  @Test
  @SuppressWarnings("try") // the scope only makes the request's span current
  void oneTraceShowsTheInstanceAcrossTwoEngines(@TempDir Path dir) throws Exception {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    Tracing tracing = OpenTelemetryTracing.of(otel);
    Path file = dir.resolve("railway.db");
    Workflow<OrderPlaced> order = workflow();
    List<Object> outcomes = new CopyOnWriteArrayList<>();

    // The request that places the order: its span is the trace every task continues.
    Span request = otel.getTracer("shop").spanBuilder("POST /orders").startSpan();
    try (SqliteStore store = SqliteStore.open(file);
        Engine first =
            Engine.builder(store).workflow(order).workerId("first").tracing(tracing).build()) {
      try (Scope ignored = request.makeCurrent()) {
        first.trigger(order, new OrderPlaced("o-1"));
      } finally {
        request.end();
      }
      assertThat(first.runDueTasks()).isEqualTo(1); // reserve-stock
      first.stop(Duration.ofSeconds(5));
    }

    try (SqliteStore store = SqliteStore.open(file);
        Engine second =
            Engine.builder(store)
                .workflow(order)
                .workerId("second")
                .tracing(tracing)
                .onOutcome((eventId, wf, instance, outcome) -> outcomes.add(outcome))
                .build()) {
      // A command arriving outside any trace still lands in the instance's.
      second.todos().complete("approve-o-1", Principal.of("mona", "manager"), new Decision(true));
      assertThat(second.runDueTasks()).isEqualTo(1); // create-invoice, then the outcome
      second.stop(Duration.ofSeconds(5));
    }
    assertThat(outcomes).containsExactly(new OrderConfirmed("o-1"));

    List<SpanData> spans = exporter.getFinishedSpanItems();
    String traceId = request.getSpanContext().getTraceId();
    assertThat(spans)
        .extracting(SpanData::getName)
        .containsExactlyInAnyOrder(
            "POST /orders",
            "railway.attempt",
            "railway.todo",
            "railway.attempt",
            "railway.outcome");
    assertThat(spans).allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(traceId));
    assertThat(spans)
        .filteredOn(s -> s.getName().startsWith("railway."))
        .allSatisfy(s -> {
          assertThat(s.getParentSpanId()).isEqualTo(request.getSpanContext().getSpanId());
          assertThat(attr(s, Tracing.WORKFLOW)).startsWith("order");
          assertThat(attr(s, Tracing.INSTANCE_ID)).isEqualTo("order:o-1");
        });

    SpanData reserve = byTaskId(spans, "reserve-o-1");
    assertThat(attr(reserve, Tracing.WORKER)).isEqualTo("first");
    assertThat(attr(reserve, Tracing.KIND)).isEqualTo("Idempotent");
    assertThat(attr(reserve, Tracing.RESULT)).isEqualTo("StockReserved");

    SpanData approve = byTaskId(spans, "approve-o-1");
    assertThat(approve.getName()).isEqualTo("railway.todo");
    assertThat(attr(approve, Tracing.WORKER)).isEqualTo("second");
    assertThat(attr(approve, Tracing.KIND)).isEqualTo("ToDo");
    assertThat(attr(approve, Tracing.RESULT)).isEqualTo("Approved");

    SpanData invoice = byTaskId(spans, "invoice-o-1");
    assertThat(attr(invoice, Tracing.WORKER)).isEqualTo("second");
    assertThat(attr(invoice, Tracing.RESULT)).isEqualTo("OrderConfirmed");

    SpanData delivery =
        spans.stream().filter(s -> s.getName().equals("railway.outcome")).findFirst().orElseThrow();
    assertThat(attr(delivery, Tracing.RESULT)).isEqualTo("delivered");
    assertThat(attr(delivery, "railway.outcome")).contains("OrderConfirmed");
  }

  @Test
  void aRefusedCommandIsTracedAsRefused(@TempDir Path dir) {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    OpenTelemetrySdk otel =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .build();
    Workflow<OrderPlaced> order = workflow();
    try (SqliteStore store = SqliteStore.open(dir.resolve("railway.db"));
        Engine engine =
            Engine.builder(store).workflow(order).tracing(OpenTelemetryTracing.of(otel)).build()) {
      engine.trigger(order, new OrderPlaced("o-2"));
      engine.runDueTasks();
      try {
        engine.todos().complete("approve-o-2", Principal.of("erin"), new Decision(true));
      } catch (RuntimeException expected) {
        // refused: not a manager
      }
      SpanData todo =
          exporter.getFinishedSpanItems().stream()
              .filter(s -> s.getName().equals("railway.todo"))
              .findFirst()
              .orElseThrow();
      assertThat(attr(todo, Tracing.RESULT)).isEqualTo("refused: ACCESS_DENIED");
      assertThat(engine.store().decision("approve-o-2")).isEmpty();
      engine.stop(Duration.ofSeconds(5));
    }
  }

  private static SpanData byTaskId(List<SpanData> spans, String taskId) {
    return spans.stream()
        .filter(s -> taskId.equals(attr(s, Tracing.TASK_ID)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no span for " + taskId + " in " + spans));
  }

  private static String attr(SpanData s, String key) {
    return s.getAttributes().get(AttributeKey.stringKey(key));
  }
}
