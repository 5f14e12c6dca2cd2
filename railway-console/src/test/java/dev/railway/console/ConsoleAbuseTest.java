package dev.railway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.examples.orders.OrderCreation;
import dev.railway.store.InstanceRecord;
import dev.railway.store.OutboxEntry;
import dev.railway.store.TaskEntry;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the console's forms and JSON calls refuse a request, each checked to leave the store
 * exactly as it was (instances, streams, decisions, open tasks, outbox) and, where the caller may
 * not see a ToDo, to leak nothing of its read model.
 */
class ConsoleAbuseTest {
  @TempDir static Path dir;
  private static OrdersWorld world;
  private static UUID doubtful;
  private static String reviewId;

  @BeforeAll
  static void start() throws Exception {
    world = new OrdersWorld(dir);
    doubtful = world.place("doubtful");
    world.pay(doubtful);
    reviewId =
        world.store.doubtsAwaitingPeople(10).stream()
            .map(d -> ((dev.railway.store.NextStep.Enter) d.next()).task().taskId())
            .findFirst()
            .orElseThrow(() -> new AssertionError("no support review is open"));
  }

  @AfterAll
  static void stop() {
    world.close();
  }

  /** A browser-like client with its own cookies, signed in with a JWT for {@code roles}. */
  private static final class Browser {
    final HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String csrf;

    Browser signIn(String subject, String... roles) throws Exception {
      HttpResponse<String> r =
          form("/console/signin", Map.of("token", world.token(subject, roles)));
      assertThat(r.statusCode()).isEqualTo(303);
      HttpResponse<String> inbox = get("/console/inbox");
      Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(inbox.body());
      assertThat(m.find()).as("the page carries the session's form token").isTrue();
      csrf = m.group(1);
      return this;
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create(world.base() + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
      String body =
          fields.entrySet().stream()
              .map(e ->
                  URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                      + "="
                      + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
              .collect(Collectors.joining("&"));
      return http.send(
          HttpRequest.newBuilder(URI.create(world.base() + path))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(body))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  /** Everything a refusal could have changed. */
  private static List<Object> snapshot() {
    List<Object> all = new ArrayList<>();
    for (InstanceRecord r : world.store.instances()) {
      all.add(r);
      all.add(world.store.stream(r.instanceId()));
      all.add(world.store.decisions(r.instanceId()));
    }
    all.add(world.store.openTasks().stream().map(TaskEntry::taskId).toList());
    all.add(world.store.undelivered(1000).stream().map(OutboxEntry::id).toList());
    all.add(world.store.parkedOutcomes(1000).stream().map(OutboxEntry::id).toList());
    return all;
  }

  private static void refused(
      String what, int status, String says, ThrowingSupplier<HttpResponse<String>> request)
      throws Exception {
    List<Object> before = snapshot();
    HttpResponse<String> r = request.get();
    assertThat(r.statusCode()).as(what + ": status").isEqualTo(status);
    String text = r.body().replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&");
    assertThat(text).as(what + ": says why").contains(says);
    assertThat(snapshot()).as(what + ": the store is unchanged").isEqualTo(before);
  }

  @FunctionalInterface
  interface ThrowingSupplier<T> {
    T get() throws Exception;
  }

  @Test
  void everyRefusalNamesTheProblemAndChangesNothing() throws Exception {
    Browser anonymous = new Browser();
    Browser support = new Browser().signIn("sam", OrderCreation.SUPPORT_ROLE);
    Browser customer = new Browser().signIn("doubtful");
    Browser operator = new Browser().signIn("olivia", "operator");
    String todo = "/console/todos/" + reviewId;
    Map<String, String> shipped = Map.of("resolution", "SHIPPED", "warehouseReference", "WH-1");

    refused("no session", 401, "signed-in", () -> anonymous.form(todo, shipped));
    refused("no form token", 403, "token", () -> support.form(todo, shipped));
    refused(
        "another session's form token",
        403,
        "token",
        () -> support.form(todo, with(shipped, "csrf", operator.csrf)));
    refused(
        "the access rule refuses (a customer, even the order's own)",
        403,
        "there is no ToDo '" + reviewId + "' that you may act on",
        () -> customer.form(todo, with(shipped, "csrf", customer.csrf)));
    refused(
        "an unknown ToDo: the same answer",
        403,
        "there is no ToDo 'support-review-nope' that you may act on",
        () ->
            support.form(
                "/console/todos/support-review-nope", with(shipped, "csrf", support.csrf)));
    refused(
        "a value outside the enum",
        422,
        "resolution",
        () -> support.form(todo, Map.of("resolution", "MAYBE", "csrf", support.csrf)));
    refused(
        "the data contract",
        422,
        "is required when the resolution is SHIPPED",
        () -> support.form(todo, Map.of("resolution", "SHIPPED", "csrf", support.csrf)));
    refused(
        "a body over the limit",
        413,
        "",
        () -> support.form(todo, Map.of("note", "x".repeat(70_000), "csrf", support.csrf)));
    refused(
        "a customer unparking",
        403,
        "is not an operator",
        () -> customer.form("/console/outbox/1/unpark", Map.of("csrf", customer.csrf)));
    refused(
        "an outbox id that is no number",
        400,
        "is a number",
        () -> operator.form("/console/outbox/x/unpark", Map.of("csrf", operator.csrf)));
    refused(
        "an outbox entry that is not parked",
        409,
        "is not parked",
        () -> operator.form("/console/outbox/999/unpark", Map.of("csrf", operator.csrf)));
    String diagram = "/console/api/workflows/" + world.orders.id() + "/diagram";
    refused("JSON without a session", 401, "signed-in", () -> anonymous.get(diagram));
    refused("JSON for a customer", 403, "is not an operator", () -> customer.get(diagram));
    refused(
        "a window not offered",
        400,
        "window must be one of",
        () -> operator.get(diagram + "?window=P99D"));
    refused(
        "an unknown status",
        400,
        "status must be one of",
        () -> operator.get("/console/instances?status=LOST"));
    refused(
        "a forged cursor",
        400,
        "before must be a cursor",
        () -> operator.get("/console/instances?before=-4"));
    refused(
        "a refused token",
        401,
        "That token was refused",
        () -> anonymous.form("/console/signin", Map.of("token", "eyJhbGciOiJub25lIn0.e30.")));
    refused(
        "the development sign-in, switched off",
        403,
        "switched off",
        () ->
            anonymous.form("/console/signin/dev", Map.of("name", "mallory", "roles", "operator")));
    // A refused reader of a ToDo page learns nothing of its read model.
    HttpResponse<String> page = customer.get(todo);
    assertThat(page.statusCode()).isEqualTo(403);
    // (The refusal repeats the task id the caller asked for, nothing of the case behind it.)
    assertThat(page.body())
        .doesNotContain("INV-")
        .doesNotContain("read-model")
        .doesNotContain("sku-1");
    // A page for an operator's eyes only, asked by a customer, holds no instance data.
    HttpResponse<String> instances = customer.get("/console/instances?trigger=" + doubtful);
    assertThat(instances.statusCode()).isEqualTo(403);
    assertThat(instances.body()).doesNotContain("support-review");
    // And the legitimate answer still goes through afterwards, once.
    HttpResponse<String> ok = support.form(todo, with(shipped, "csrf", support.csrf));
    assertThat(ok.body()).contains("is decided with");
    refused(
        "decided already",
        409,
        "first answer stands",
        () ->
            support.form(
                todo, with(Map.of("resolution", "CANCEL", "note", "n"), "csrf", support.csrf)));
  }

  private static Map<String, String> with(Map<String, String> m, String k, String v) {
    Map<String, String> copy = new java.util.HashMap<>(m);
    copy.put(k, v);
    return copy;
  }
}
