package dev.railway.examples.refunds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.definition.Integration;
import dev.railway.definition.StateTask;
import dev.railway.definition.Workflow;
import dev.railway.examples.refunds.Refunds.RefundApi;
import dev.railway.examples.refunds.Refunds.RefundRejected;
import dev.railway.examples.refunds.Refunds.RefundRequested;
import dev.railway.examples.refunds.Refunds.Refunded;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RefundsTest {
  private static final UUID ID = UUID.fromString("0b7e8b6e-1f7e-4f51-9a39-3c8b1d0f2a11");
  private static final RefundRequested REQUEST =
      new RefundRequested(ID, "pay-1", new BigDecimal("12.00"));

  @Test
  void theReadmeShowsExactlyThisFile() throws IOException {
    String source =
        Files.readString(Path.of("src/main/java/dev/railway/examples/refunds/Refunds.java"));
    String snippet =
        source.substring(
            source.indexOf('\n', source.indexOf("// README:begin")) + 1,
            source.indexOf("// README:end"));
    String readme = Files.readString(Path.of("..", "README.md"));
    assertThat(readme).contains("```java\n" + snippet + "```\n");
  }

  @Test
  void theTaskIdIsTheIdempotencyKeyAndTheResultDecides() throws Exception {
    List<String> keys = new ArrayList<>();
    RefundApi api =
        (key, paymentId, amount) -> {
          keys.add(key);
          return amount.compareTo(BigDecimal.TEN) > 0
              ? new RefundApi.Result(false, null, "over the limit")
              : new RefundApi.Result(true, "ref-" + paymentId, null);
        };
    StateTask<RefundRequested, RefundApi.Result> task = refundTask(Refunds.workflow(api));
    Integration.Idempotent<RefundRequested, RefundApi.Result> idempotent =
        (Integration.Idempotent<RefundRequested, RefundApi.Result>) task.integration();

    String taskId = task.identifier().identify(REQUEST);
    RefundApi.Result rejected = idempotent.attempt().attempt(REQUEST, taskId);
    RefundRequested small = new RefundRequested(ID, "pay-2", BigDecimal.ONE);
    RefundApi.Result accepted = idempotent.attempt().attempt(small, taskId);

    assertThat(keys).containsExactly("refund-" + ID, "refund-" + ID);
    assertThat(idempotent.decider().decide(REQUEST, rejected))
        .isEqualTo(new RefundRejected(ID, "over the limit"));
    assertThat(idempotent.decider().decide(small, accepted))
        .isEqualTo(new Refunded(ID, "ref-pay-2"));
    assertThat(task.faultMapping().map(new IllegalStateException("down"), REQUEST, taskId))
        .isEqualTo(new RefundRejected(ID, "gave up: java.lang.IllegalStateException: down"));
  }

  @Test
  void theProviderClassOffersTheSameWorkflow() {
    List<Workflow<?>> workflows = new RefundWorkflows().workflows();
    assertThat(workflows).singleElement().extracting(Workflow::id).isEqualTo("refund@1");
  }

  @SuppressWarnings("unchecked")
  private static StateTask<RefundRequested, RefundApi.Result> refundTask(
      Workflow<RefundRequested> workflow) {
    return (StateTask<RefundRequested, RefundApi.Result>)
        workflow.task("refund-payment").orElseThrow();
  }
}
