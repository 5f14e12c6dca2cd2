package dev.railway.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Builders reject bad values at once, with a message that shows the value. */
class BuildersTest {
  record Placed(UUID orderId) {}

  record Done(UUID orderId) {}

  record Receipt(String reference) {}

  static final class NotARecord {}

  private static IdempotentBuilder<Placed, Receipt> task() {
    return Tasks.idempotent("make-order", Placed.class, Receipt.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "make order", "-leading-dash", "naïve", "a/b"})
  void invalidTaskNamesAreRejectedShowingTheName(String name) {
    assertThatThrownBy(() -> Tasks.idempotent(name, Placed.class, Receipt.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("task name")
        .hasMessageContaining("was '" + name + "'");
  }

  @Test
  void aNullTaskNameIsRejected() {
    assertThatThrownBy(() -> Tasks.todo(null, Placed.class, Receipt.class, Done.class))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("task name must not be null");
  }

  @Test
  void validNamesAreAccepted() {
    assertThat(task().build().name()).isEqualTo("make-order");
    assertThat(Tasks.idempotent("v2.make_order-1", Placed.class, Receipt.class).build().name())
        .isEqualTo("v2.make_order-1");
  }

  @Test
  void invalidWorkflowAndTargetNamesAreRejected() {
    assertThatThrownBy(() -> Workflow.builder("my orders", Placed.class))
        .hasMessageContaining("workflow name")
        .hasMessageContaining("was 'my orders'");
    assertThatThrownBy(() -> task().goTo(Done.class, "next task"))
        .hasMessageContaining("was 'next task'");
    assertThatThrownBy(() -> Workflow.builder("orders", Placed.class).startAt(""))
        .hasMessageContaining("start task")
        .hasMessageContaining("was ''");
    assertThatThrownBy(() -> Compromise.humanReview("support review"))
        .hasMessageContaining("was 'support review'");
  }

  @Test
  void eventTypesMustBeRecords() {
    assertThatThrownBy(() -> task().goTo(NotARecord.class, "next"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be a record type")
        .hasMessageContaining(NotARecord.class.getName());
    assertThatThrownBy(() -> task().outcome(String.class))
        .hasMessageContaining("was java.lang.String");
    assertThatThrownBy(() -> task().decide((e, r) -> "done", String.class))
        .hasMessageContaining("decision of task 'make-order'")
        .hasMessageContaining("was java.lang.String");
  }

  @Test
  void functionsMustDeclareTheEventsTheyMayEmit() {
    assertThatThrownBy(() -> task().decide((e, r) -> new Done(e.orderId())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the decision of task 'make-order' must declare the event types");
    assertThatThrownBy(() -> task().onFault((error, e, id) -> new Done(e.orderId())))
        .hasMessageContaining("the fault mapping of task 'make-order'");
    assertThatThrownBy(() ->
            Tasks.blackBoxed("pay", Placed.class, Receipt.class)
                .compromise(Compromise.atMostOnce(), (e, id, at) -> new Done(e.orderId())))
        .hasMessageContaining("the uncertainty mapping of task 'pay'");
  }

  record Other(UUID orderId) {}

  @Test
  void declaringAFunctionAgainReplacesItsEventTypes() {
    StateTask<Placed, Receipt> built =
        task()
            .decide((e, r) -> new Done(e.orderId()), Done.class)
            .decide((e, r) -> new Other(e.orderId()), Other.class)
            .onFault((error, e, id) -> new Done(e.orderId()), Done.class)
            .build();

    assertThat(built.emissions())
        .containsExactly(
            new Emission(Other.class, Cause.DECISION), new Emission(Done.class, Cause.FAULT));
  }

  @Test
  void atLeastOnceNeedsNoUncertaintyMappingButOtherCompromisesDo() {
    StateTask<Placed, Receipt> built =
        Tasks.blackBoxed("mail", Placed.class, Receipt.class)
            .compromise(Compromise.atMostOnce(), (e, id, at) -> new Done(e.orderId()), Done.class)
            .compromise(Compromise.atLeastOnce())
            .build();
    assertThat(built.emitted(Cause.POSSIBLE_FAILURE)).isEmpty();
    assertThat(((Integration.BlackBoxed<Placed, Receipt>) built.integration()).compromise())
        .isEqualTo(Compromise.atLeastOnce());

    assertThatThrownBy(() ->
            Tasks.blackBoxed("mail", Placed.class, Receipt.class).compromise(Compromise.upTo(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("UpTo(2) compromise of task 'mail' needs an uncertainty mapping");
  }

  @Test
  void declaredEventsBecomeEmissionsWithTheirCause() {
    StateTask<Placed, Receipt> built =
        task()
            .decide((e, r) -> new Done(e.orderId()), Done.class)
            .onFault((error, e, id) -> new Done(e.orderId()), Done.class)
            .build();

    assertThat(built.emissions())
        .containsExactly(
            new Emission(Done.class, Cause.DECISION), new Emission(Done.class, Cause.FAULT));
    assertThat(built.emittedTypes()).containsExactly(Done.class);
  }

  @Test
  void durationsMustBePositiveShowingTheValue() {
    assertThatThrownBy(() -> task().expiresAfter(Duration.ofSeconds(-5)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expiry deadline of task 'make-order' must be positive; was PT-5S");
    assertThatThrownBy(() -> task().attemptTimeout(Duration.ZERO))
        .hasMessageContaining("attempt timeout of task 'make-order' must be positive; was PT0S");
    assertThatThrownBy(() -> task().lockGrace(Duration.ofMillis(-1)))
        .hasMessageContaining("must not be negative; was PT-0.001S");
    assertThatThrownBy(() -> Backoff.fixed(Duration.ofSeconds(-1), 3))
        .hasMessageContaining("was PT-1S");
  }

  @Test
  void numbersOutOfRangeAreRejectedShowingTheValue() {
    assertThatThrownBy(() -> Compromise.upTo(0)).hasMessageContaining("at least 1; was 0");
    assertThatThrownBy(() -> Backoff.fixed(Duration.ofSeconds(1), 0))
        .hasMessageContaining("maxAttempts must be at least 1; was 0");
    assertThatThrownBy(
            () -> Backoff.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1), 1.5, 3))
        .hasMessageContaining("jitter must be between 0.0 and 1.0; was 1.5");
    assertThatThrownBy(
            () -> Backoff.exponential(Duration.ofMinutes(1), Duration.ofSeconds(1), 0.1, 3))
        .hasMessageContaining("max=PT1S, initial=PT1M");
    assertThatThrownBy(() -> Workflow.builder("orders", Placed.class).version(0))
        .hasMessageContaining("was 0");
  }

  @Test
  void contradictoryOrIncompleteDeclarationsAreRejectedAtBuild() {
    assertThatThrownBy(() ->
            Tasks.todo("review", Placed.class, Receipt.class, Done.class)
                .cannotExpire()
                .expiresAfter(Duration.ofHours(1))
                .build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("task 'review' declares cannotExpire() and an expiry");
    assertThatThrownBy(() -> Workflow.builder("orders", Placed.class).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("workflow 'orders' has no start task");
  }

  @Test
  void missingFunctionsAreLeftForTheValidator() {
    StateTask<Placed, Receipt> bare = task().build();

    assertThat(bare.identifier()).isNull();
    assertThat(bare.faultMapping()).isNull();
    assertThat(bare.integration()).isInstanceOf(Integration.Idempotent.class);
    assertThat(((Integration.Idempotent<Placed, Receipt>) bare.integration()).attempt()).isNull();
    assertThat(bare.expiration()).isInstanceOf(Expiration.Undeclared.class);
  }

  @Test
  void definitionsAreImmutable() {
    StateTask<Placed, Receipt> built =
        task().decide((e, r) -> new Done(e.orderId()), Done.class).outcome(Done.class).build();
    Workflow<Placed> workflow =
        Workflow.builder("orders", Placed.class).startAt("make-order").task(built).build();

    assertThatThrownBy(() -> built.routes().add(new Route(Done.class, Target.outcome())))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> workflow.tasks().add(built))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(workflow.id()).isEqualTo("orders@1");
    assertThat(workflow.task("make-order")).containsSame(built);
    assertThat(built.shape()).isEqualTo("State/Idempotent");
  }
}
