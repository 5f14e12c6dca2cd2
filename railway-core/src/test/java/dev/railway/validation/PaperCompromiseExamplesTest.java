package dev.railway.validation;

import static dev.railway.validation.TestWorkflows.cancelled;
import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.BlackBoxedBuilder;
import dev.railway.definition.Compromise;
import dev.railway.definition.CompromiseWarning;
import dev.railway.definition.Concern;
import dev.railway.definition.Necessity;
import dev.railway.definition.Rationale;
import dev.railway.definition.Risk;
import dev.railway.definition.Task;
import dev.railway.definition.Tasks;
import dev.railway.definition.Visibility;
import dev.railway.definition.Workflow;
import dev.railway.validation.TestWorkflows.OrderCancelled;
import dev.railway.validation.TestWorkflows.OrderConfirmed;
import dev.railway.validation.TestWorkflows.OrderPlaced;
import dev.railway.validation.TestWorkflows.PaymentUncertain;
import dev.railway.validation.TestWorkflows.Receipt;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The paper's four black-boxed examples, each with the concerns the paper gives or implies: its own
 * compromise passes without a warning, and a compromise the paper would not choose gets a warning
 * that names the mismatch and points to the paper's answer.
 */
class PaperCompromiseExamplesTest {

  static final Rationale WELCOME_EMAIL =
      new Rationale(
          Visibility.INVISIBLE,
          Necessity.NICE_TO_HAVE,
          Concern.CUSTOMER,
          Set.of(Risk.REPUTATION),
          "nobody can tell whether a welcome e-mail was read, and two of them look sloppy");

  static final Rationale SMS_CODE =
      new Rationale(
          Visibility.SELF_EVIDENT,
          Necessity.MUST_HAPPEN,
          Concern.CUSTOMER,
          Set.of(Risk.ECONOMIC_LOSS),
          "a user without a code cannot go on and will ask again; every text costs money");

  static final Rationale BLOCK_HOSTILE_USER =
      new Rationale(
          Visibility.INVISIBLE,
          Necessity.MUST_HAPPEN,
          Concern.OWN,
          Set.of(Risk.REPUTATION, Risk.LEGAL),
          "a hostile user left active keeps harming others; blocking twice changes nothing");

  static final Rationale DATA_DELETION_CONFIRMATION =
      new Rationale(
          Visibility.INVISIBLE,
          Necessity.MUST_HAPPEN,
          Concern.CUSTOMER,
          Set.of(Risk.LEGAL),
          "the deletion of private data must be confirmed to the user to avoid legal risks");

  static Stream<Arguments> papersAnswers() {
    return Stream.of(
        Arguments.of("welcome e-mail", WELCOME_EMAIL, Compromise.atMostOnce()),
        Arguments.of("SMS verification code", SMS_CODE, Compromise.upTo(3)),
        Arguments.of("blocking a hostile user", BLOCK_HOSTILE_USER, Compromise.atLeastOnce()),
        Arguments.of(
            "data-deletion confirmation",
            DATA_DELETION_CONFIRMATION,
            Compromise.humanReview("support-review")));
  }

  @ParameterizedTest(name = "{0}: the paper''s {2} passes without a warning")
  @MethodSource("papersAnswers")
  void thePapersAnswerPassesWithoutAWarning(String example, Rationale why, Compromise answer) {
    ValidationReport report = WorkflowValidator.validate(opaque(answer.because(why)));

    assertThat(report.problems()).as(report.format()).isEmpty();
    assertThat(report.warnings()).as(report.format()).isEmpty();
  }

  static Stream<Arguments> mismatches() {
    return Stream.of(
        Arguments.of(
            "welcome e-mail",
            WELCOME_EMAIL,
            Compromise.humanReview("support-review"),
            CompromiseWarning.DISPROPORTIONATE_EFFORT,
            "AtMostOnce"),
        Arguments.of(
            "welcome e-mail",
            WELCOME_EMAIL,
            Compromise.atLeastOnce(),
            CompromiseWarning.DISPROPORTIONATE_EFFORT,
            "AtMostOnce"),
        Arguments.of(
            "SMS verification code",
            SMS_CODE,
            Compromise.atLeastOnce(),
            CompromiseWarning.UNBOUNDED_COSTLY_DUPLICATES,
            "UpTo(n)"),
        Arguments.of(
            "blocking a hostile user",
            BLOCK_HOSTILE_USER,
            Compromise.atMostOnce(),
            CompromiseWarning.SILENT_LOSS,
            "AtLeastOnce"),
        Arguments.of(
            "data-deletion confirmation",
            DATA_DELETION_CONFIRMATION,
            Compromise.atMostOnce(),
            CompromiseWarning.SILENT_LOSS,
            "HumanReview"));
  }

  @ParameterizedTest(name = "{0}: {2} warns {3}")
  @MethodSource("mismatches")
  void aMismatchWarnsAndPointsToThePapersAnswer(
      String example,
      Rationale why,
      Compromise chosen,
      CompromiseWarning expected,
      String papersAnswer) {
    ValidationReport report = WorkflowValidator.validate(opaque(chosen.because(why)));

    assertThat(report.isValid()).as("a warning never makes a workflow invalid").isTrue();
    assertThat(report.warnings()).hasSize(1);
    Warning warning = report.warnings().getFirst();
    assertThat(warning.rule()).isEqualTo(expected.name());
    assertThat(warning.task()).isEqualTo("opaque");
    assertThat(warning.message()).startsWith(expected.title()).contains("'opaque'");
    assertThat(warning.suggestion()).contains(papersAnswer);
    assertThat(warning.acknowledged()).isFalse();
    assertThat(report.format()).contains("- WARNING [" + expected.name() + "] ");
  }

  @Test
  void warningsExplainTheRiskInWords() {
    assertThat(warning(Compromise.atMostOnce().because(DATA_DELETION_CONFIRMATION)).message())
        .contains("must happen", "invisible", "nobody would ever learn that it did not happen");
    assertThat(warning(Compromise.atLeastOnce().because(SMS_CODE)).message())
        .contains("without bound", "economic loss", "cost money again");
    assertThat(
            warning(
                    Compromise.upTo(2)
                        .because(
                            new Rationale(
                                Visibility.TRACEABLE,
                                Necessity.SHOULD_HAPPEN,
                                Concern.CUSTOMER,
                                Set.of(Risk.DATA_BREACH),
                                "an invoice e-mail carries personal data")))
                .message())
        .contains("UpTo(2)", "up to 3 times", "data breach");
  }

  @Test
  void anAcknowledgedWarningStaysVisibleWithTheTeamsReason() {
    Rationale accepted =
        BLOCK_HOSTILE_USER.acknowledging(
            CompromiseWarning.SILENT_LOSS, "the fraud team re-runs every block each night");

    ValidationReport report =
        WorkflowValidator.validate(opaque(Compromise.atMostOnce().because(accepted)));

    assertThat(report.warnings())
        .singleElement()
        .satisfies(w -> {
          assertThat(w.rule()).isEqualTo("SILENT_LOSS");
          assertThat(w.acknowledgement())
              .isEqualTo("the fraud team re-runs every block each night");
        });
    assertThat(report.unacknowledgedWarnings()).isEmpty();
    assertThat(report.format())
        .contains("  acknowledged: the fraud team re-runs every block each night\n");
  }

  @Test
  void anAcknowledgementOfAWarningThatDoesNotApplyIsReported() {
    Rationale stale =
        WELCOME_EMAIL.acknowledging(CompromiseWarning.SILENT_LOSS, "we used to need it");

    ValidationReport report =
        WorkflowValidator.validate(opaque(Compromise.atMostOnce().because(stale)));

    assertThat(report.warnings())
        .singleElement()
        .satisfies(w -> {
          assertThat(w.rule()).isEqualTo(RiskyCompromises.STALE);
          assertThat(w.message()).contains("SILENT_LOSS", "does not apply", "AtMostOnce");
        });
  }

  @Test
  void aCompromiseWithoutRationaleIsAProblem() {
    ValidationReport report = WorkflowValidator.validate(opaque(Compromise.upTo(3)));

    assertThat(report.isValid()).isFalse();
    assertThat(report.problems(RationaleRequired.RULE))
        .singleElement()
        .satisfies(p -> {
          assertThat(p.task()).isEqualTo("opaque");
          assertThat(p.message()).contains("UpTo(3)", "does not say why");
          assertThat(p.fix()).contains("Compromise.upTo(3).because(new Rationale(");
        });
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void aRationaleRefusesMissingConcernsAndABlankReason() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() ->
            new Rationale(Visibility.INVISIBLE, Necessity.MUST_HAPPEN, Concern.OWN, Set.of(), " "))
        .hasMessageContaining("reason")
        .hasMessageContaining("' '");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new Rationale(null, Necessity.MUST_HAPPEN, Concern.OWN, Set.of(), "why"))
        .hasMessageContaining("visibility");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> WELCOME_EMAIL.acknowledging(CompromiseWarning.SILENT_LOSS, ""))
        .hasMessageContaining("SILENT_LOSS");
  }

  private static Warning warning(Compromise compromise) {
    List<Warning> warnings = WorkflowValidator.validate(opaque(compromise)).warnings();
    assertThat(warnings).hasSize(1);
    return warnings.getFirst();
  }

  /**
   * One BlackBoxed task "opaque" with {@code compromise}; a possible failure goes to the
   * support-review ToDo for HumanReview, and ends the workflow otherwise.
   */
  static Workflow<OrderPlaced> opaque(Compromise compromise) {
    BlackBoxedBuilder<OrderPlaced, Receipt> builder =
        Tasks.blackBoxed("opaque", OrderPlaced.class, Receipt.class)
            .identifiedBy(e -> "opaque-" + e.orderId())
            .attempt((e, id) -> new Receipt(id))
            .decide((e, r) -> new OrderConfirmed(e.orderId()), OrderConfirmed.class)
            .onFault((error, e, id) -> cancelled(e.orderId()), OrderCancelled.class)
            .outcome(OrderConfirmed.class)
            .outcome(OrderCancelled.class);
    if (compromise instanceof Compromise.AtLeastOnce) {
      return TestWorkflows.workflow(builder.compromise(compromise).build());
    }
    builder.compromise(
        compromise, (e, id, at) -> new PaymentUncertain(e.orderId()), PaymentUncertain.class);
    if (compromise instanceof Compromise.HumanReview review) {
      Task<?> review1 = builder.goTo(PaymentUncertain.class, review.todoTask()).build();
      return TestWorkflows.workflow(review1, TestWorkflows.supportReview().build());
    }
    return TestWorkflows.workflow(builder.outcome(PaymentUncertain.class).build());
  }
}
