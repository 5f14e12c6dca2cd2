package dev.railway.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The example application end to end, over its own HTTP port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExpenseApplicationTest {
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @LocalServerPort int port;
  @Autowired ExpenseOutcomes outcomes;
  @Autowired Payouts payouts;

  @DynamicPropertySource
  static void store(DynamicPropertyRegistry registry) throws Exception {
    Path dir = Files.createTempDirectory("railway-example");
    registry.add("railway.sqlite.path", () -> dir.resolve("expenses.db").toString());
  }

  @Test
  void anExpenseIsApprovedByAManagerAndPaidOutOnce() throws Exception {
    assertThat(post("/expenses", "erin", "{\"id\":\"e-1\",\"employee\":\"erin\",\"cents\":4200}"))
        .isEqualTo(202);
    String todo = "/railway/todos/expenses/approvals/approve-e-1";
    await().atMost(Duration.ofSeconds(20)).until(() -> get(todo, "mona") == 200);
    assertThat(post(todo, "erin", "{\"approve\":true,\"note\":\"mine\"}"))
        .as("nobody approves their own expense")
        .isEqualTo(403);
    assertThat(post(todo, "mona", "{\"approve\":true,\"note\":\"ok\"}")).isEqualTo(200);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> outcomes.of("e-1") instanceof Expenses.ExpensePaid);
    assertThat(payouts.count()).isEqualTo(1);
  }

  private int get(String path, String user) throws Exception {
    return CLIENT
        .send(request(path, user).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private int post(String path, String user, String json) throws Exception {
    return CLIENT
        .send(
            request(path, user)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private HttpRequest.Builder request(String path, String user) {
    String basic =
        Base64.getEncoder()
            .encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(10))
        .header("Authorization", "Basic " + basic);
  }
}
