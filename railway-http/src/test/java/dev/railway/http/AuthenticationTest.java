package dev.railway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.railway.definition.Principal;
import dev.railway.engine.Engine;
import dev.railway.http.Expenses.ExpenseFiled;
import dev.railway.jdbc.SqliteStore;
import dev.railway.store.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Bearer JWTs, API keys and configuration refusals, over real HTTP. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthenticationTest {
  private static final String OPEN = TodoEndpointContract.APPROVALS;
  @TempDir static Path dir;
  private HttpHarness h;

  @BeforeAll
  void open() {
    h = new HttpHarness(SqliteStore.open(dir.resolve("auth.db")), 64 * 1024) {};
    h.engine.trigger(Expenses.expense(), new ExpenseFiled("e1", "olga", 100));
  }

  @AfterAll
  void close() {
    h.close();
  }

  private String refusal(String token) {
    String before = h.snapshot();
    JsonNode p = h.get(OPEN, token).problem(401);
    assertThat(h.snapshot()).isEqualTo(before);
    return p.get("detail").asText();
  }

  @Test
  void aValidToken_isAccepted_withItsRoles() {
    HttpHarness.Reply r = h.get(OPEN, h.token("maria", "manager"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("items")).hasSize(1);
  }

  @Test
  void expired_isRefused_pastTheClockSkew() {
    Date now = Date.from(h.clock.instant());
    String justExpired =
        h.token(
            h.signingKey,
            c -> c.subject("maria").expirationTime(Date.from(now.toInstant().minusSeconds(30))));
    assertThat(h.get(OPEN, justExpired).status()).as("within the 60 s skew").isEqualTo(200);
    String expired =
        h.token(
            h.signingKey,
            c -> c.subject("maria").expirationTime(Date.from(now.toInstant().minusSeconds(61))));
    assertThat(refusal(expired)).contains("Expired");
  }

  @Test
  void notYetValid_isRefused() {
    String future =
        h.token(
            h.signingKey,
            c -> c.subject("maria").notBeforeTime(Date.from(h.clock.instant().plusSeconds(600))));
    assertThat(refusal(future)).containsIgnoringCase("before");
  }

  @Test
  void wrongIssuer_orAudience_isRefused() {
    assertThat(refusal(h.token(h.signingKey, c -> c.subject("maria").issuer("https://evil.test"))))
        .containsIgnoringCase("iss");
    assertThat(refusal(h.token(h.signingKey, c -> c.subject("maria").audience("other-app"))))
        .containsIgnoringCase("aud");
  }

  @Test
  void aTokenSignedByAnotherKey_evenWithTheSameKeyId_isRefused() {
    assertThat(refusal(h.token(HttpHarness.newKey("k1"), c -> c.subject("maria"))))
        .containsIgnoringCase("signature");
    assertThat(refusal(h.token(HttpHarness.newKey("k2"), c -> c.subject("maria")))).isNotBlank();
  }

  @Test
  void algNone_isRefused() {
    String unsigned =
        new PlainJWT(
                new JWTClaimsSet.Builder()
                    .subject("maria")
                    .issuer(HttpHarness.ISSUER)
                    .audience(HttpHarness.AUDIENCE)
                    .expirationTime(Date.from(h.clock.instant().plusSeconds(300)))
                    .claim("roles", List.of("manager"))
                    .build())
            .serialize();
    assertThat(refusal(unsigned)).isNotBlank();
  }

  @Test
  void aTamperedPayload_isRefused() throws Exception {
    String token = h.token("sam", "employee");
    String[] parts = token.split("\\.");
    Map<String, Object> claims =
        HttpHarness.JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
    claims.put("roles", List.of("manager"));
    String forged =
        parts[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(HttpHarness.JSON.writeValueAsBytes(claims))
            + "."
            + parts[2];
    assertThat(refusal(forged)).containsIgnoringCase("signature");
  }

  @Test
  void apiKeys_areConfiguredByHash_andComparedAsHashes() {
    String key = ApiKeyAuthenticator.newKey();
    ApiKeyAuthenticator auth =
        ApiKeyAuthenticator.builder().key(ApiKeyAuthenticator.hash(key), "reports", "r").build();
    InboundRequest good = new InboundRequest("GET", "/", Map.of("x-api-key", List.of(key)), null);
    InboundRequest bad =
        new InboundRequest("GET", "/", Map.of("X-API-KEY", List.of(key + "x")), null);
    assertThat(auth.authenticate(good))
        .isEqualTo(new Authentication.Authenticated(Principal.of("reports", "r")));
    assertThat(auth.authenticate(bad)).isInstanceOf(Authentication.Refused.class);
    assertThatThrownBy(() -> ApiKeyAuthenticator.builder().key(key, "plain"))
        .hasMessageContaining("must be configured as its hash");
    assertThat(h.getAsOperator("/workflows").status()).isEqualTo(200);
  }

  @Test
  void noAuthenticator_refusesToStart_namingIt() {
    try (InMemoryStore store = new InMemoryStore(java.time.Clock.systemUTC());
        Engine engine = Engine.builder(store).workflow(Expenses.expense()).build()) {
      assertThatThrownBy(() -> RailwayHttp.of(engine).start(0))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no authenticator configured");
    }
    assertThatThrownBy(() -> JwtAuthenticator.builder().issuer("i").build())
        .hasMessageContaining("audience")
        .hasMessageContaining("keys");
    assertThatThrownBy(() -> WebhookAuthenticator.builder().sender("p", "short"))
        .hasMessageContaining("at least 16 bytes");
    assertThatThrownBy(() -> JwtAuthenticator.builder().clockSkew(Duration.ofHours(1)))
        .hasMessageContaining("PT1H");
  }

  @Test
  void theOpenApiDocument_isValidOpenApi31_withEachRouteCommandAndError() {
    HttpHarness.Reply r = h.getAsOperator("/openapi.json");
    assertThat(r.status()).isEqualTo(200);
    var result = new io.swagger.v3.parser.OpenAPIV3Parser().readContents(r.body(), null, null);
    assertThat(result.getMessages()).isEmpty();
    var api = result.getOpenAPI();
    assertThat(api.getOpenapi()).isEqualTo("3.1.0");
    assertThat(api.getPaths())
        .containsKeys(
            "/todos/expenses/approvals",
            "/todos/expenses/approvals/{taskId}",
            "/todos/webhooks/payments",
            "/workflows",
            "/instances/{id}");
    var approval = api.getComponents().getSchemas().get("Approval");
    assertThat(approval.getProperties()).containsOnlyKeys("approve", "note", "level");
    assertThat(approval.getRequired()).containsExactlyInAnyOrder("approve", "note", "level");
    assertThat(
            api.getPaths()
                .get("/todos/expenses/approvals/{taskId}")
                .getPost()
                .getResponses()
                .keySet())
        .contains("200", "400", "401", "403", "409", "410", "413", "415", "422", "500");
    assertThat(new String(r.body().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .contains("application/problem+json");
  }
}
