package dev.railway.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.railway.engine.Engine;
import dev.railway.store.Store;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What the starter promises on every store, with a real application context and its own web server;
 * subclassed per store.
 */
abstract class StarterContract {
  static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired Engine engine;
  @Autowired Store store;
  @Autowired Outcomes outcomes;
  @Autowired MeterRegistry meters;
  @LocalServerPort int port;

  Http http() {
    return new Http(port);
  }

  @Test
  void aWorkflowBeanRunsAndItsOutcomeIsAnApplicationEvent() {
    String id = UUID.randomUUID().toString();
    engine.trigger(order(), new Shop.OrderPlaced(id));
    await().atMost(WAIT).until(() -> outcomes.has(new Shop.OrderConfirmed(id)));
    RailwayOutcomeEvent e =
        outcomes.byEventId.values().stream()
            .filter(o -> o.outcome().equals(new Shop.OrderConfirmed(id)))
            .findFirst()
            .orElseThrow();
    assertThat(e.workflow()).startsWith("order");
    assertThat(e.instanceId()).isEqualTo("order:" + id);
    // The outcome was durable before the event: the store has the instance's decisions.
    assertThat(store.decisions(e.instanceId())).hasSize(2);
    assertThat(meters.getMeters())
        .as("the engine's meters are on the application's registry")
        .anyMatch(m -> m.getId().getName().startsWith("railway."));
  }

  @Test
  void aTodoIsAnsweredOverTheApplicationsPortWithASpringSecurityUser() throws Exception {
    String id = UUID.randomUUID().toString();
    engine.trigger(expense(), new Shop.ExpenseFiled(id, 1200));
    String path = "/railway/todos/expenses/approvals/approve-" + id;

    assertThat(http().get(path, null).status()).as("anonymous").isEqualTo(401);
    assertThat(http().post(path, null, "{\"approve\":true,\"note\":\"x\"}").status())
        .as("anonymous command")
        .isEqualTo(401);
    assertThat(http().get(path, "bob").status()).as("not a manager").isEqualTo(403);
    assertThat(http().post(path, "bob", "{\"approve\":true,\"note\":\"x\"}").status())
        .isEqualTo(403);
    assertThat(http().post(path, "alice", "{\"approve\":true,\"note\":\"\"}").status())
        .as("contract")
        .isEqualTo(422);
    assertThat(http().post(path, "alice", "{\"approve\":\"yes\",\"note\":\"x\"}").status())
        .as("strict decoding")
        .isEqualTo(422);
    assertThat(store.decision("approve-" + id)).as("refusals record nothing").isEmpty();

    Http.Answer list = http().get("/railway/todos/expenses/approvals", "alice");
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).contains("approve-" + id).contains("\"cents\":1200");

    Http.Answer answered = http().post(path, "alice", "{\"approve\":true,\"note\":\"fine\"}");
    assertThat(answered.status()).as(answered.body()).isEqualTo(200);
    assertThat(answered.body()).contains("\"decision\":\"Approved\"").contains("\"by\":\"alice\"");
    assertThat(http().post(path, "alice", "{\"approve\":false,\"note\":\"no\"}").status())
        .as("the first decision wins")
        .isEqualTo(409);
    await().atMost(WAIT).until(() -> outcomes.has(new Shop.Approved(id, "alice")));
  }

  @Test
  void healthIsUpWithTheEnginesFigures() throws Exception {
    await().atMost(WAIT).until(() -> http().get("/actuator/health", null).status() == 200);
    Http.Answer health = http().get("/actuator/health", null);
    assertThat(health.body())
        .contains("\"railway\":{\"status\":\"UP\"")
        .contains("\"storeReachable\":true")
        .contains("\"workersAlive\":true")
        .contains("\"parkedOutcomes\":0");
  }

  @SuppressWarnings("unchecked")
  dev.railway.definition.Workflow<Shop.ExpenseFiled> expense() {
    return (dev.railway.definition.Workflow<Shop.ExpenseFiled>)
        engine.workflows().stream()
            .filter(w -> w.name().equals("expense"))
            .findFirst()
            .orElseThrow();
  }

  @SuppressWarnings("unchecked")
  dev.railway.definition.Workflow<Shop.OrderPlaced> order() {
    return (dev.railway.definition.Workflow<Shop.OrderPlaced>)
        engine.workflows().stream().filter(w -> w.name().equals("order")).findFirst().orElseThrow();
  }
}
