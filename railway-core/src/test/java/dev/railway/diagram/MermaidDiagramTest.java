package dev.railway.diagram;

import static dev.railway.validation.TestWorkflows.cancelled;
import static dev.railway.validation.TestWorkflows.confirming;
import static dev.railway.validation.TestWorkflows.step;
import static dev.railway.validation.TestWorkflows.workflow;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Task;
import dev.railway.definition.Workflow;
import dev.railway.validation.TestWorkflows;
import dev.railway.validation.TestWorkflows.OrderCancelled;
import dev.railway.validation.TestWorkflows.OrderConfirmed;
import dev.railway.validation.TestWorkflows.OrderPlaced;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MermaidDiagramTest {
  private static final String ORDERS = MermaidDiagram.render(TestWorkflows.orders());

  /** The statements the renderer may emit, each in the form stateDiagram-v2 accepts. */
  private static final List<Pattern> STATEMENTS =
      List.of(
          Pattern.compile("stateDiagram-v2"),
          Pattern.compile("  %% .*"),
          Pattern.compile(
              "  classDef (todo|trivial|deterministic|opaque|outcome|defaultexit)"
                  + " fill:#[0-9a-f]{6}(,[a-z-]+:(#[0-9a-f]{6}|[0-9]+px|[0-9]+ [0-9]+))*"),
          Pattern.compile("  state \"Legend\" as [A-Za-z0-9_]+ \\{"),
          Pattern.compile("    direction LR"),
          Pattern.compile("    state \"[^\"]+\" as [A-Za-z0-9_]+"),
          Pattern.compile("  }"),
          Pattern.compile("  state \"[^\"]+\" as [A-Za-z0-9_]+"),
          Pattern.compile("  \\[\\*] --> [A-Za-z0-9_]+"),
          Pattern.compile("  [A-Za-z0-9_]+ --> \\[\\*]"),
          Pattern.compile("  [A-Za-z0-9_]+ --> [A-Za-z0-9_]+ : [^#;\"\\n]+"),
          Pattern.compile(
              "  class [A-Za-z0-9_]+(,[A-Za-z0-9_]+)*"
                  + " (todo|trivial|deterministic|opaque|outcome|defaultexit)"));

  private static List<String> lines(String diagram) {
    return Arrays.asList(diagram.split("\n"));
  }

  @Test
  void rendersAStateDiagramEndingWithANewline() {
    assertThat(ORDERS).startsWith("stateDiagram-v2\n").endsWith("\n").doesNotEndWith("\n\n");
  }

  @Test
  void everyLineIsAStatementOfStateDiagramV2() {
    assertThat(lines(ORDERS))
        .allSatisfy(line ->
            assertThat(STATEMENTS).as("line %s", line).anyMatch(p -> p.matcher(line).matches()));
  }

  @Test
  void usesThePapersLegend() {
    assertThat(ORDERS)
        .contains("  classDef trivial fill:#808000,color:#ffffff")
        .contains("  classDef todo fill:#008080,color:#ffffff")
        .contains("  classDef outcome fill:#de7316,color:#ffffff");
  }

  @Test
  void drawsEveryTaskWithItsShapeAndKind() {
    assertThat(ORDERS)
        .contains("  state \"make-order<br/>Trivial · Idempotent\" as make_order\n")
        .contains(
            "  state \"reserve-stock<br/>Deterministic · OptimisticLock<br/>expires after 1h\" as"
                + " reserve_stock\n")
        .contains(
            "  state \"charge-payment<br/>Opaque · BlackBoxed · HumanReview(support-review)\" as"
                + " charge_payment\n")
        .contains(
            "  state \"create-invoice<br/>Deterministic · PessimisticLock\" as create_invoice\n")
        .contains("  state \"support-review<br/>To Do<br/>cannot expire\" as support_review\n");
    for (Task<?> task : TestWorkflows.orders().tasks()) {
      assertThat(ORDERS).contains("\"" + task.name() + "<br/>");
    }
  }

  @Test
  void colorsTasksByCategoryWithALegendEntryForEach() {
    assertThat(ORDERS)
        .contains("  class make_order,legend_trivial trivial\n")
        .contains("  class reserve_stock,create_invoice,legend_deterministic deterministic\n")
        .contains("  class charge_payment,legend_opaque opaque\n")
        .contains("  class support_review,legend_todo todo\n")
        .contains(
            "  state \"Legend\" as legend {\n"
                + "    direction LR\n"
                + "    state \"To Do\" as legend_todo\n"
                + "    state \"Trivial\" as legend_trivial\n"
                + "    state \"Deterministic\" as legend_deterministic\n"
                + "    state \"Opaque\" as legend_opaque\n"
                + "  }\n")
        .contains("  class OrderCancelled,OrderConfirmed outcome\n");
  }

  @Test
  void startsAtTheStartTask() {
    assertThat(lines(ORDERS))
        .filteredOn(l -> l.contains("[*] -->"))
        .containsExactly("  [*] --> make_order");
  }

  @Test
  void everyOutcomeIsATerminalState() {
    assertThat(ORDERS)
        .contains("  state \"OrderCancelled\" as OrderCancelled\n")
        .contains("  state \"OrderConfirmed\" as OrderConfirmed\n")
        .contains("  OrderCancelled --> [*]\n")
        .contains("  OrderConfirmed --> [*]\n");
  }

  @Test
  void businessTransitionsAreLabelledWithTheEventName() {
    assertThat(ORDERS)
        .contains("  make_order --> reserve_stock : OrderMade\n")
        .contains("  reserve_stock --> support_review : OutOfStock\n")
        .contains("  support_review --> support_review : StillReviewing\n")
        .contains("  create_invoice --> OrderConfirmed : OrderConfirmed\n");
  }

  @Test
  void faultExpiryAndPossibleFailureEdgesAreVisiblyDistinct() {
    assertThat(ORDERS)
        .contains("  make_order --> OrderCancelled : ⚠ fault: OrderCancelled\n")
        .contains("  reserve_stock --> OrderCancelled : ⏰ expired: OrderCancelled\n")
        .contains("  charge_payment --> support_review : ❓ possible failure: PaymentUncertain\n")
        // the same event from a decision is a plain business edge
        .contains("  support_review --> OrderCancelled : OrderCancelled\n");
    assertThat(MermaidDiagram.edgeLabel(OrderCancelled.class, dev.railway.definition.Cause.FAULT))
        .isNotEqualTo(
            MermaidDiagram.edgeLabel(OrderCancelled.class, dev.railway.definition.Cause.DECISION));
  }

  @Test
  void drawsOneEdgePerEventAndCause() {
    // reserve-stock emits OrderCancelled from its fault mapping and its expiry mapping.
    assertThat(lines(ORDERS))
        .filteredOn(l -> l.startsWith("  reserve_stock --> OrderCancelled"))
        .hasSize(2);
    assertThat(lines(ORDERS)).doesNotHaveDuplicates();
  }

  @Test
  void outputIsDeterministic() {
    assertThat(MermaidDiagram.render(TestWorkflows.orders())).isEqualTo(ORDERS);
  }

  @Test
  void followsDeclarationOrder() {
    Task<OrderPlaced> a =
        step("a").decide((e, r) -> e, OrderPlaced.class).goTo(OrderPlaced.class, "b").build();
    Task<OrderPlaced> b = confirming("b");

    assertThat(MermaidDiagram.render(workflow(a, b)))
        .isEqualTo(
            """
            stateDiagram-v2
              %%%% orders-test@1 (generated by Railway; do not edit)
              %%%% legend: To Do teal; Trivial, Deterministic, Opaque ever darker olive (State); outcome orange;
              %%%% ⚠ fault, ⏰ expired and ❓ possible failure edges are not business transitions
              classDef todo %s
              classDef trivial %s
              classDef deterministic %s
              classDef opaque %s
              classDef outcome %s
              classDef defaultexit %s
              state "a<br/>Trivial · Idempotent" as a
              state "b<br/>Trivial · Idempotent" as b
              state "OrderCancelled" as OrderCancelled
              state "OrderConfirmed" as OrderConfirmed
              state "Legend" as legend {
                direction LR
                state "To Do" as legend_todo
                state "Trivial" as legend_trivial
                state "Deterministic" as legend_deterministic
                state "Opaque" as legend_opaque
              }
              [*] --> a
              a --> b : OrderPlaced
              a --> OrderCancelled : ⚠ fault: OrderCancelled
              b --> OrderConfirmed : OrderConfirmed
              b --> OrderCancelled : ⚠ fault: OrderCancelled
              OrderCancelled --> [*]
              OrderConfirmed --> [*]
              class legend_todo todo
              class a,b,legend_trivial trivial
              class legend_deterministic deterministic
              class legend_opaque opaque
              class OrderCancelled,OrderConfirmed outcome
            """
                .formatted(
                    MermaidDiagram.TODO_STYLE,
                    MermaidDiagram.TRIVIAL_STYLE,
                    MermaidDiagram.DETERMINISTIC_STYLE,
                    MermaidDiagram.OPAQUE_STYLE,
                    MermaidDiagram.OUTCOME_STYLE,
                    MermaidDiagram.DEFAULT_EXIT_STYLE));
  }

  @Test
  void sanitizesTaskNamesIntoUniqueIds() {
    Task<OrderPlaced> first =
        step("make-order")
            .decide((e, r) -> e, OrderPlaced.class)
            .goTo(OrderPlaced.class, "make.order")
            .build();
    Task<OrderPlaced> second =
        step("make.order")
            .decide((e, r) -> e, OrderPlaced.class)
            .goTo(OrderPlaced.class, "state")
            .build();
    Task<OrderPlaced> keyword = confirming("state");

    String diagram = MermaidDiagram.render(workflow(first, second, keyword));

    assertThat(diagram)
        .contains("\"make-order<br/>Trivial · Idempotent\" as make_order\n")
        .contains("\"make.order<br/>Trivial · Idempotent\" as make_order_2\n")
        .contains("\"state<br/>Trivial · Idempotent\" as state_\n")
        .contains("  make_order --> make_order_2 : OrderPlaced\n")
        .contains("  make_order_2 --> state_ : OrderPlaced\n");
    assertThat(lines(diagram))
        .allSatisfy(line -> assertThat(STATEMENTS).anyMatch(p -> p.matcher(line).matches()));
  }

  @Test
  void leavesOutRoutesToUndeclaredTasksAndAnUnknownStart() {
    Task<OrderPlaced> a =
        step("a").decide((e, r) -> e, OrderPlaced.class).goTo(OrderPlaced.class, "ghost").build();
    Workflow<OrderPlaced> broken =
        Workflow.builder("broken", OrderPlaced.class).startAt("nowhere").task(a).build();

    String diagram = MermaidDiagram.render(broken);

    assertThat(diagram).doesNotContain("ghost").doesNotContain("[*] -->");
    assertThat(diagram).contains("  a --> OrderCancelled : ⚠ fault: OrderCancelled\n");
  }

  @Test
  void showsExpiryOfToDosInReadableUnits() {
    Task<OrderPlaced> todo =
        TestWorkflows.todo("confirm")
            .expiresAfter(
                Duration.ofHours(36), (e, id) -> cancelled(e.orderId()), OrderCancelled.class)
            .outcome(OrderCancelled.class)
            .build();

    assertThat(MermaidDiagram.render(workflow(todo)))
        .contains("  state \"confirm<br/>To Do<br/>expires after 1d 12h\" as confirm\n")
        .contains("  confirm --> OrderCancelled : ⏰ expired: OrderCancelled\n")
        .contains("  confirm --> OrderConfirmed : " + OrderConfirmed.class.getSimpleName() + "\n")
        .contains("  class confirm,legend_todo todo\n")
        .contains("  class legend_trivial trivial\n");
  }

  @Test
  void formatsDurationsForPeople() {
    assertThat(MermaidDiagram.human(Duration.ofHours(36))).isEqualTo("1d 12h");
    assertThat(MermaidDiagram.human(Duration.ofSeconds(90))).isEqualTo("1m 30s");
    assertThat(MermaidDiagram.human(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(MermaidDiagram.human(Duration.ofDays(2))).isEqualTo("2d");
  }
}
