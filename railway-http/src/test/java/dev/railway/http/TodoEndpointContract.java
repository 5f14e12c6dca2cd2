package dev.railway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.railway.engine.Engine;
import dev.railway.engine.testing.ManualEngine;
import dev.railway.http.Expenses.CheckoutStarted;
import dev.railway.http.Expenses.ExpenseFiled;
import dev.railway.http.HttpHarness.Reply;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP ToDo endpoints over a real store and real HTTP: the command path, the error matrix (each
 * refusal leaves the store exactly as it was), queries, operators and webhooks. Subclassed per
 * store.
 */
abstract class TodoEndpointContract {
  static final String APPROVALS = "/todos/expenses/approvals";
  static final String GOOD = "{\"approve\":true,\"note\":\"fine\",\"level\":2}";

  HttpHarness h;
  String manager;

  abstract HttpHarness harness(long maxBodyBytes);

  @BeforeEach
  void open() {
    h = harness(64 * 1024);
    manager = h.token("maria", "manager");
    h.engine.trigger(Expenses.expense(), new ExpenseFiled("e1", "olga", 12_00));
    h.engine.trigger(Expenses.expense(), new ExpenseFiled("e2", "olga", 99_00));
    h.engine.trigger(Expenses.checkout(), new CheckoutStarted("r1", 50_00));
  }

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  /** Runs {@code refusal}, asserts it changed nothing, returns its answer. */
  Reply unchanged(java.util.function.Supplier<Reply> refusal) {
    String before = h.snapshot();
    Reply r = refusal.get();
    assertThat(h.snapshot()).as("store state after %s", r.body()).isEqualTo(before);
    return r;
  }

  // ---- the command path

  @Test
  void aCommand_isDecided_withThePrincipalFromAuthentication_notFromTheBody() {
    Reply r =
        h.post(
            APPROVALS + "/approve-e1",
            manager,
            "{\"approve\":true,\"note\":\"approvedBy: mallory\",\"level\":1}");

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("decision").asText()).isEqualTo("Approved");
    assertThat(r.json().get("event").get("approvedBy").asText()).isEqualTo("maria");
    assertThat(h.store.decision("approve-e1").orElseThrow().decidedBy()).isEqualTo("maria");
    assertThat(h.store.stream("expense:e1"))
        .filteredOn(e -> e.kind().equals("Decided"))
        .singleElement()
        .satisfies(e -> assertThat(e.detail()).endsWith(" by maria"));
  }

  @Test
  void anIdenticalRepeat_getsTheSameAnswer_andRecordsNothingMore() {
    Reply first = h.post(APPROVALS + "/approve-e1", manager, GOOD);
    String after = h.snapshot();

    Reply again = h.post(APPROVALS + "/approve-e1", manager, GOOD);

    assertThat(first.status()).isEqualTo(200);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.json()).isEqualTo(first.json());
    assertThat(h.snapshot()).isEqualTo(after);
  }

  // ---- the error matrix: one test per row, each asserting the store is unchanged

  @Test
  void row400_malformedJson() {
    JsonNode p =
        unchanged(() -> h.post(APPROVALS + "/approve-e1", manager, "{\"approve\":true,"))
            .problem(400);
    assertThat(p.get("detail").asText()).contains("malformed JSON");
    unchanged(() -> h.post(APPROVALS + "/approve-e1", manager, "{\"a\":1,\"a\":2}")).problem(400);
    unchanged(() -> h.post(APPROVALS + "/approve-e1", manager, "")).problem(400);
    unchanged(() -> h.get(APPROVALS + "?limit=zero", manager)).problem(400);
  }

  @Test
  void row401_missingOrInvalidCredentials() {
    JsonNode none =
        unchanged(() ->
                h.send(
                    h.request(APPROVALS + "/approve-e1")
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(GOOD))
                        .build()))
            .problem(401);
    assertThat(none.get("detail").asText()).contains("no credentials");
    unchanged(() -> h.post(APPROVALS + "/approve-e1", "not-a-jwt", GOOD)).problem(401);
    unchanged(() ->
            h.send(
                h.request(APPROVALS + "/approve-e1")
                    .header("X-Api-Key", "rwk_wrong")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(GOOD))
                    .build()))
        .problem(401);
    unchanged(() -> h.get(APPROVALS, "garbage")).problem(401);
    unchanged(() -> h.send(h.request("/openapi.json").GET().build())).problem(401);
  }

  @Test
  void row403_accessRuleRefuses_andARefusedCallerCannotTellWhetherTheToDoExists() {
    String stranger = h.token("sam", "employee");

    JsonNode refused =
        unchanged(() -> h.post(APPROVALS + "/approve-e1", stranger, GOOD)).problem(403);
    JsonNode missing =
        unchanged(() -> h.post(APPROVALS + "/approve-nope", stranger, GOOD)).problem(403);

    assertThat(refused.get("detail").asText()).contains("no ToDo 'approve-e1' that you may act on");
    assertThat(refused.get("detail").asText().replace("approve-e1", "X"))
        .isEqualTo(missing.get("detail").asText().replace("approve-nope", "X"));
    // Reading is refused the same way, and a refused caller lists nothing.
    unchanged(() -> h.get(APPROVALS + "/approve-e1", stranger)).problem(403);
    assertThat(h.get(APPROVALS, stranger).json().get("items")).isEmpty();
    // A decided ToDo stays hidden from a refused caller: 403, not 409.
    h.post(APPROVALS + "/approve-e1", manager, GOOD);
    unchanged(() -> h.post(APPROVALS + "/approve-e1", stranger, GOOD)).problem(403);
    // Operator routes are refused before any lookup.
    unchanged(() -> h.get("/instances/expense:e1", manager)).problem(403);
    unchanged(() -> h.get("/instances/nope", manager)).problem(403);
  }

  @Test
  void row404_unknownRouteWorkflowOrInstance() {
    unchanged(() -> h.post("/todos/expenses/nothing-here/approve-e1", manager, GOOD)).problem(404);
    unchanged(() -> h.get("/todos/unknown", manager)).problem(404);
    unchanged(() -> h.getAsOperator("/instances/expense:nope")).problem(404);
    unchanged(() -> h.getAsOperator("/workflows/nope/diagram")).problem(404);
  }

  @Test
  void row409_aDifferentCommandAfterTheDecision_isAConflict() {
    assertThat(h.post(APPROVALS + "/approve-e1", manager, GOOD).status()).isEqualTo(200);

    JsonNode p =
        unchanged(() ->
                h.post(
                    APPROVALS + "/approve-e1",
                    manager,
                    "{\"approve\":false,\"note\":\"changed my mind\",\"level\":2}"))
            .problem(409);
    assertThat(p.get("detail").asText()).contains("already decided by maria");
    unchanged(() -> h.post(APPROVALS + "/approve-e1", h.token("olga"), GOOD)).problem(409);
  }

  @Test
  void row410_pastItsDeadline_expiredForEveryone_beforeAndAfterAWorkerRecordsIt() {
    h.clock.advance(Expenses.DEADLINE);
    manager = h.token("maria", "manager");
    String owner = h.token("olga");

    JsonNode p = unchanged(() -> h.post(APPROVALS + "/approve-e1", manager, GOOD)).problem(410);
    assertThat(p.get("detail").asText()).contains("expired");
    unchanged(() -> h.post(APPROVALS + "/approve-e1", owner, GOOD)).problem(410);
    unchanged(() -> h.get(APPROVALS + "/approve-e1", manager)).problem(410);
    assertThat(h.get(APPROVALS, manager).json().get("items")).isEmpty();

    // A worker records the expiry: one run by hand, since the store's own time has not moved.
    try (ManualEngine worker =
        ManualEngine.of(
            Engine.builder(h.store)
                .clock(h.clock)
                .workflow(Expenses.expense())
                .workflow(Expenses.checkout()))) {
      worker.runClaimed(h.store.task("approve-e1").orElseThrow());
    }
    assertThat(h.store.decision("approve-e1").orElseThrow().cause()).isEqualTo("EXPIRY");

    JsonNode after = unchanged(() -> h.post(APPROVALS + "/approve-e1", manager, GOOD)).problem(410);
    assertThat(after.get("detail").asText()).doesNotContain("already decided");
  }

  @Test
  void row413_aBodyOverTheLimit_isRefusedWithoutReadingItAll() throws Exception {
    String big = "{\"approve\":true,\"note\":\"" + "x".repeat(70 * 1024) + "\",\"level\":1}";
    unchanged(() -> h.post(APPROVALS + "/approve-e1", manager, big)).problem(413);

    // A declared length of 100 MB, of which only 1 KB is ever sent: answered all the same.
    String before = h.snapshot();
    String declared =
        h.raw(
            "POST "
                + APPROVALS
                + "/approve-e1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + manager
                + "\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n",
            new byte[1024]);
    assertThat(declared).startsWith("HTTP/1.1 413");
    // Chunked, no declared length: the server stops reading at the limit; the rest is never sent.
    String chunk = Integer.toHexString(100 * 1024) + "\r\n";
    byte[] partial = new byte[70 * 1024];
    java.util.Arrays.fill(partial, (byte) 'x');
    String chunked =
        h.raw(
            "POST "
                + APPROVALS
                + "/approve-e1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + manager
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + chunk,
            partial);
    assertThat(chunked).startsWith("HTTP/1.1 413").contains("application/problem+json");
    assertThat(h.snapshot()).isEqualTo(before);
  }

  @Test
  void row415_notJson() {
    JsonNode p =
        unchanged(() ->
                h.send(
                    h.request(APPROVALS + "/approve-e1")
                        .header("Authorization", "Bearer " + manager)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(GOOD))
                        .build()))
            .problem(415);
    assertThat(p.get("detail").asText()).contains("application/json").contains("text/plain");
    unchanged(() ->
            h.send(
                h.request(APPROVALS + "/approve-e1")
                    .header("Authorization", "Bearer " + manager)
                    .POST(HttpRequest.BodyPublishers.ofString(GOOD))
                    .build()))
        .problem(415);
  }

  @Test
  void row422_eachFieldAndProblemIsListed() {
    JsonNode types =
        unchanged(() ->
                h.post(
                    APPROVALS + "/approve-e1",
                    manager,
                    "{\"approve\":\"yes\",\"level\":\"2\",\"extra\":1}"))
            .problem(422);
    assertThat(fields(types))
        .containsExactlyInAnyOrder(
            "approve: expected a boolean",
            "note: required, missing",
            "level: expected an integer",
            "extra: unknown field; expected one of [approve, note, level]");

    JsonNode contract =
        unchanged(() ->
                h.post(
                    APPROVALS + "/approve-e1",
                    manager,
                    "{\"approve\":true,\"note\":\" \",\"level\":7}"))
            .problem(422);
    assertThat(fields(contract))
        .containsExactly("note: must not be blank", "level: must be 1, 2 or 3, was 7");
    unchanged(() -> h.post(APPROVALS + "/approve-e1", manager, "[1,2]")).problem(422);
  }

  @Test
  void row500_anInternalErrorAnswersAnIdThatIsInTheLog_neverAStackTrace() {
    PrintStream original = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    Reply r;
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      r =
          unchanged(() ->
              h.post(
                  APPROVALS + "/approve-e1",
                  manager,
                  "{\"approve\":true,\"note\":\"boom\",\"level\":1}"));
    } finally {
      System.setErr(original);
    }
    JsonNode p = r.problem(500);
    String id = p.get("errorId").asText();
    assertThat(id).isNotBlank();
    assertThat(p.get("detail").asText()).contains(id).doesNotContain("broke on purpose");
    assertThat(log.toString(StandardCharsets.UTF_8))
        .contains(id)
        .contains("the decider broke on purpose");
  }

  private static List<String> fields(JsonNode problem) {
    List<String> out = new ArrayList<>();
    problem
        .get("errors")
        .forEach(e -> out.add(e.get("field").asText() + ": " + e.get("problem").asText()));
    return out;
  }

  // ---- queries and operators

  @Test
  void openToDos_arePagedOldestFirst_andOnlyThoseTheCallerMaySee() {
    for (int i = 3; i <= 5; i++) {
      h.engine.trigger(Expenses.expense(), new ExpenseFiled("e" + i, "other", i));
    }
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply r =
          h.get(APPROVALS + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), manager);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      r.json().get("items").forEach(t -> seen.add(t.get("taskId").asText()));
      cursor = r.json().get("next").isNull() ? null : r.json().get("next").asText();
      pages++;
    } while (cursor != null);
    assertThat(seen)
        .containsExactlyInAnyOrder(
            "approve-e1", "approve-e2", "approve-e3", "approve-e4", "approve-e5");
    assertThat(pages).isEqualTo(3);

    Reply mine = h.get(APPROVALS, h.token("olga"));
    List<String> olgas = new ArrayList<>();
    mine.json().get("items").forEach(t -> olgas.add(t.get("taskId").asText()));
    assertThat(olgas).containsExactlyInAnyOrder("approve-e1", "approve-e2");

    Reply one = h.get(APPROVALS + "/approve-e2", h.token("olga"));
    assertThat(one.status()).isEqualTo(200);
    assertThat(one.json().get("readModel").get("cents").asLong()).isEqualTo(99_00);
    assertThat(one.json().get("instanceId").asText()).isEqualTo("expense:e2");
  }

  @Test
  void operators_seeWorkflows_diagrams_andAnInstanceWithItsHistory() {
    h.post(APPROVALS + "/approve-e1", manager, GOOD);

    Reply workflows = h.getAsOperator("/workflows");
    assertThat(workflows.status()).isEqualTo(200);
    assertThat(workflows.body()).contains("\"expense\"", "http:expenses/approvals");

    Reply diagram = h.getAsOperator("/workflows/expense/diagram");
    assertThat(diagram.status()).isEqualTo(200);
    assertThat(diagram.body()).startsWith("stateDiagram-v2").contains("approve");

    JsonNode instance = h.getAsOperator("/instances/expense:e1").json();
    assertThat(instance.get("status").asText()).isEqualTo("FINISHED");
    assertThat(instance.get("decisions").get(0).get("decidedBy").asText()).isEqualTo("maria");
    List<String> kinds = new ArrayList<>();
    instance.get("history").forEach(e -> kinds.add(e.get("kind").asText()));
    assertThat(kinds).containsSubsequence("TriggerAccepted", "TaskEntered", "Decided", "Finished");

    JsonNode open = h.getAsOperator("/instances/expense:e2").json();
    assertThat(open.get("currentTask").get("taskId").asText()).isEqualTo("approve-e2");
  }

  // ---- signed webhooks

  @Test
  void aSignedWebhook_completesTheToDoItsBodyNames() {
    String notice = "{\"reference\":\"r1\",\"status\":\"SUCCEEDED\",\"cents\":5000}";

    Reply r =
        h.webhook(
            "/todos/webhooks/payments", HttpHarness.WEBHOOK_SECRET, h.clock.instant(), notice);

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.json().get("decision").asText()).isEqualTo("Paid");
    assertThat(h.store.decision("payment-r1").orElseThrow().decidedBy()).isEqualTo("acme-pay");
  }

  @Test
  void aWebhook_withAWrongSecret_aStaleTimestamp_orReplayed_isRefused() {
    String notice = "{\"reference\":\"r1\",\"status\":\"FAILED\",\"cents\":5000}";
    String path = "/todos/webhooks/payments";

    JsonNode wrong =
        unchanged(
                () -> h.webhook(path, "whsec_not-the-right-one-at-all", h.clock.instant(), notice))
            .problem(401);
    assertThat(wrong.get("detail").asText()).contains("signature does not match");
    JsonNode stale =
        unchanged(() ->
                h.webhook(
                    path,
                    HttpHarness.WEBHOOK_SECRET,
                    h.clock.instant().minus(Duration.ofMinutes(6)),
                    notice))
            .problem(401);
    assertThat(stale.get("detail").asText()).contains("tolerance");
    // A body changed after signing.
    byte[] signedBody = notice.getBytes(StandardCharsets.UTF_8);
    String header =
        WebhookAuthenticator.signature(HttpHarness.WEBHOOK_SECRET, h.clock.instant(), signedBody);
    unchanged(() ->
            h.send(
                h.request(path)
                    .header("Content-Type", "application/json")
                    .header("Railway-Signature", header)
                    .POST(
                        HttpRequest.BodyPublishers.ofString(notice.replace("FAILED", "SUCCEEDED")))
                    .build()))
        .problem(401);

    java.time.Instant at = h.clock.instant();
    assertThat(h.webhook(path, HttpHarness.WEBHOOK_SECRET, at, notice).status()).isEqualTo(200);
    JsonNode replay =
        unchanged(() -> h.webhook(path, HttpHarness.WEBHOOK_SECRET, at, notice)).problem(401);
    assertThat(replay.get("detail").asText()).contains("replay");
  }

  // ---- concurrency

  @Test
  void twoHundredClients_differentCommandsToOneToDo_exactlyOneDecision_199Conflicts()
      throws Exception {
    int clients = 200;
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      tokens.add(h.token("manager-" + i, "manager"));
    }
    java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < clients; i++) {
        String token = tokens.get(i);
        String body =
            "{\"approve\":" + (i % 2 == 0) + ",\"note\":\"client " + i + "\",\"level\":1}";
        answers.add(
            pool.submit(() -> {
              go.await();
              return h.post(APPROVALS + "/approve-e1", token, body).status();
            }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var a : answers) {
        statuses.add(a.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(statuses).hasSize(clients);
      assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
      assertThat(statuses).filteredOn(s -> s == 409).hasSize(clients - 1);
    }
    assertThat(h.store.decisions("expense:e1")).hasSize(1);
    assertThat(h.store.stream("expense:e1")).filteredOn(e -> e.kind().equals("Decided")).hasSize(1);
  }

  // ---- fuzzing

  @Test
  void fuzz_randomAndMutatedBodiesHeadersAndPaths_neverA5xx_neverAStateChange_neverAHang() {
    assertThat(h.post(APPROVALS + "/approve-e1", manager, GOOD).status()).isEqualTo(200);
    String stranger = h.token("sam", "employee");
    String before = h.snapshot();
    long seed = Long.getLong("railway.fuzz.seed", new java.util.Random().nextLong());
    System.out.println(
        getClass().getSimpleName()
            + " fuzz seed="
            + seed
            + " (rerun: -Drailway.fuzz.seed="
            + seed
            + ")");
    HttpFuzzer fuzzer = new HttpFuzzer(new java.util.Random(seed), GOOD);
    for (int i = 0; i < 250; i++) {
      HttpRequest request = fuzzer.next(h, manager, stranger);
      HttpHarness.Reply r;
      try {
        r = h.sendAlone(request);
      } catch (IllegalStateException e) {
        throw new AssertionError("seed " + seed + ", request " + i + " " + request + ": " + e, e);
      }
      assertThat(r.status())
          .as(
              "seed %d, request %d: %s %s -> %s",
              seed, i, request.method(), request.uri(), r.body())
          .isBetween(200, 499);
      if (r.status() == 200) {
        // Only the deciding principal's own command, repeated, may be accepted again.
        assertThat(request.method()).isIn("GET", "POST");
      }
    }
    assertThat(h.snapshot()).as("store state after fuzzing with seed %d", seed).isEqualTo(before);
  }
}
