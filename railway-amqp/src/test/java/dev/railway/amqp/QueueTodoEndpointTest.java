package dev.railway.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import dev.railway.amqp.Shop.PaymentExpected;
import dev.railway.amqp.Shop.PaymentNotice;
import dev.railway.definition.Principal;
import dev.railway.definition.Workflow;
import dev.railway.engine.Engine;
import dev.railway.engine.testing.SettableClock;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.DecisionRecord;
import dev.railway.store.Store;
import dev.railway.store.TaskEntry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A queue ToDo endpoint on a real broker: every bad message is dead-lettered with its reason and
 * changes nothing; duplicated commands raced by two consumers record one decision.
 */
class QueueTodoEndpointTest {
  private static final Duration PATIENCE = Duration.ofSeconds(30);
  private static final byte[] PSP_SECRET = "a-shared-secret-of-the-payment-provider".getBytes();
  private static final byte[] SHOP_SECRET = "a-shared-secret-of-someone-else-entirely".getBytes();

  @TempDir Path dir;

  private final ObjectMapper json = new ObjectMapper();
  private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T10:00:00Z"));
  private final List<AutoCloseable> toClose = new ArrayList<>();
  private String queue;
  private Workflow<PaymentExpected> workflow;
  private Store store;
  private Connection test;
  private Channel channel;

  @BeforeEach
  void setUp() throws Exception {
    queue = TestBroker.unique("payments");
    workflow = Shop.payments("payments", queue);
    store = SqliteStore.open(dir.resolve("railway.db"), clock);
    test = TestBroker.connect("test-" + queue);
    channel = test.createChannel();
    channel.confirmSelect();
    AmqpTopology.declare(test, queue, null, null);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = toClose.size() - 1; i >= 0; i--) {
      toClose.get(i).close();
    }
    TestBroker.deleteQueueTopology(channel, queue);
    test.close();
    store.close();
  }

  private static MessageAuthenticator authenticator() {
    return MessageAuthenticator.hmacSha256(
        Map.of(
            "psp", new HmacKey(PSP_SECRET, Principal.of("provider", Shop.PSP)),
            "shop", new HmacKey(SHOP_SECRET, Principal.of("shop-frontend"))));
  }

  /** An engine with the endpoint bound; ToDos need no workers, their commands decide them. */
  private Engine engineWithEndpoint(String connectionName) {
    Engine engine = Engine.builder(store).clock(clock).workflow(workflow).build();
    AmqpBindings bindings =
        AmqpBindings.builder(engine, TestBroker.factory())
            .connectionName(connectionName)
            .todos(TodoBinding.declaredBy(workflow, authenticator()))
            .start();
    toClose.add(() -> engine.stop(Duration.ofSeconds(5)));
    toClose.add(bindings);
    return engine;
  }

  @Test
  void everyBadMessageIsDeadLetteredWithItsReasonAndChangesNothing() throws Exception {
    Engine engine = engineWithEndpoint(TestBroker.unique("todo"));
    for (String ref : List.of("r-open", "r-decided")) {
      engine.trigger(workflow, new PaymentExpected(ref, "customer-1", 1_000));
    }
    MessageSigner psp = new MessageSigner("psp", PSP_SECRET);
    MessageSigner shop = new MessageSigner("shop", SHOP_SECRET);
    MessageSigner forger = new MessageSigner("psp", SHOP_SECRET);
    byte[] valid = body(new PaymentNotice("r-decided", "paid", 1_000));
    publish(valid, psp.headers(valid));
    awaitDecision("receive-r-decided");

    byte[] open = body(new PaymentNotice("r-open", "paid", 1_000));
    byte[] broken = body(new PaymentNotice("r-open", "maybe", -5));
    byte[] malformed = "{\"reference\": \"r-open\", \"status\": \"paid\"".getBytes();
    byte[] unknownField =
        "{\"reference\":\"r-open\",\"status\":\"paid\",\"cents\":1000,\"extra\":1}".getBytes();
    byte[] unknownTask = body(new PaymentNotice("r-nobody", "paid", 1_000));
    byte[] again = body(new PaymentNotice("r-decided", "declined", 1_000));

    refused(open, Map.of(), DeadLetterReason.UNAUTHENTICATED, "unsigned");
    refused(open, forger.headers(open), DeadLetterReason.UNAUTHENTICATED, "wrong signature");
    Map<String, Object> tampered = new HashMap<>(psp.headers(open));
    refused(broken, tampered, DeadLetterReason.UNAUTHENTICATED, "wrong signature");
    refused(open, shop.headers(open), DeadLetterReason.ACCESS_DENIED, "shop-frontend");
    Map<String, Object> deniedByHeader = new HashMap<>(shop.headers(malformed));
    deniedByHeader.put(AmqpHeaders.TASK_ID, "receive-r-open");
    // With the task in a header, the access rule is applied before the body is even decoded.
    refused(malformed, deniedByHeader, DeadLetterReason.ACCESS_DENIED, "shop-frontend");
    refused(malformed, psp.headers(malformed), DeadLetterReason.MALFORMED, "PaymentNotice");
    refused(unknownField, psp.headers(unknownField), DeadLetterReason.MALFORMED, "extra");
    GetResponse contract =
        refused(broken, psp.headers(broken), DeadLetterReason.CONTRACT_VIOLATED, "status");
    assertThat(contract.getProps().getHeaders().get(AmqpHeaders.VIOLATIONS).toString())
        .contains("status: must be paid or declined", "cents: must be positive");
    refused(again, psp.headers(again), DeadLetterReason.ALREADY_DECIDED, "receive-r-decided");
    refused(unknownTask, psp.headers(unknownTask), DeadLetterReason.UNKNOWN_TASK, "r-nobody");
    clock.advance(Shop.DEADLINE.plusMinutes(1));
    refused(open, psp.headers(open), DeadLetterReason.EXPIRED, "receive-r-open");

    assertThat(store.decision("receive-r-open")).isEmpty();
    assertThat(store.decision("receive-r-decided").orElseThrow().decidedBy()).isEqualTo("provider");
  }

  @Test
  void twoConsumersRacingDuplicatedCommandsRecordOneDecision() throws Exception {
    Engine first = engineWithEndpoint(TestBroker.unique("todo-a"));
    engineWithEndpoint(TestBroker.unique("todo-b"));
    int todos = 100;
    MessageSigner psp = new MessageSigner("psp", PSP_SECRET);
    for (int i = 0; i < todos; i++) {
      first.trigger(workflow, new PaymentExpected("race-" + i, "c", 100));
    }
    for (int i = 0; i < todos; i++) {
      // The provider delivers each notice twice, with different verdicts: only one may count.
      byte[] paid = body(new PaymentNotice("race-" + i, "paid", 100));
      byte[] declined = body(new PaymentNotice("race-" + i, "declined", 100));
      publish(paid, psp.headers(paid));
      publish(declined, psp.headers(declined));
    }
    List<GetResponse> dead = new ArrayList<>();
    await(
        () -> {
          dead.addAll(TestBroker.drain(channel, AmqpTopology.deadLetterQueue(queue)));
          return dead.size() >= todos;
        },
        "one refusal per duplicated command");
    for (int i = 0; i < todos; i++) {
      List<DecisionRecord> decisions = store.decisions("payments:race-" + i);
      assertThat(decisions).as("decisions of race-" + i).hasSize(1);
    }
    assertThat(dead).hasSize(todos);
    assertThat(dead)
        .allMatch(r ->
            DeadLetterReason.ALREADY_DECIDED
                .code()
                .equals(AmqpHeaders.text(r.getProps().getHeaders(), AmqpHeaders.REASON)));
    assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
  }

  private byte[] body(Object command) throws Exception {
    return json.writeValueAsBytes(command);
  }

  private void publish(byte[] body, Map<String, Object> headers) throws Exception {
    channel.basicPublish(
        "",
        queue,
        new AMQP.BasicProperties.Builder()
            .messageId(UUID.randomUUID().toString())
            .headers(headers)
            .deliveryMode(2)
            .build(),
        body);
    channel.waitForConfirmsOrDie(10_000);
  }

  /** Publishes one bad message and checks its dead letter and that no state changed. */
  private GetResponse refused(
      byte[] body, Map<String, Object> headers, DeadLetterReason reason, String detailMentions)
      throws Exception {
    String before = snapshot();
    publish(body, headers);
    List<GetResponse> dead = new ArrayList<>();
    await(
        () -> {
          dead.addAll(TestBroker.drain(channel, AmqpTopology.deadLetterQueue(queue)));
          return !dead.isEmpty();
        },
        reason.code() + " dead letter");
    assertThat(dead).hasSize(1);
    GetResponse r = dead.get(0);
    Map<String, Object> h = r.getProps().getHeaders();
    assertThat(AmqpHeaders.text(h, AmqpHeaders.REASON)).isEqualTo(reason.code());
    assertThat(AmqpHeaders.text(h, AmqpHeaders.DETAIL)).contains(detailMentions);
    assertThat(r.getBody()).isEqualTo(body);
    assertThat(snapshot()).as("state after a " + reason.code() + " refusal").isEqualTo(before);
    return r;
  }

  /** Every task, decision and outbox entry: what a refusal must leave untouched. */
  private String snapshot() {
    StringBuilder s = new StringBuilder();
    for (var i : store.instances()) {
      s.append(i).append('\n');
      store.decisions(i.instanceId()).forEach(d -> s.append(d).append('\n'));
    }
    for (TaskEntry t : store.openTasks()) {
      s.append(t).append('\n');
    }
    store.undelivered(1_000).forEach(o -> s.append(o).append('\n'));
    return s.toString();
  }

  private void awaitDecision(String taskId) throws Exception {
    await(() -> store.decision(taskId).isPresent(), "decision of " + taskId);
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void await(Condition condition, String what) throws Exception {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + PATIENCE + " waiting for " + what);
      }
      Thread.sleep(10);
    }
  }
}
