package dev.railway.cli;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.railway.console.RailwayConsole;
import dev.railway.definition.Principal;
import dev.railway.engine.Engine;
import dev.railway.examples.orders.OrderCreation;
import dev.railway.http.JwtAuthenticator;
import dev.railway.http.RailwayHttp;
import dev.railway.http.RailwayServer;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

/**
 * The development set-up of the CLI's servers: a signing key generated at start and trusted alone,
 * and a bearer token signed with it for a developer with every role of the example, to paste into
 * the console's sign-in or a {@code curl} line.
 */
public final class DevConsole {
  static final String ISSUER = "railway-serve-dev";
  static final String AUDIENCE = "railway";
  static final Principal DEVELOPER =
      Principal.of(
          "dev", "operator", OrderCreation.SUPPORT_ROLE, OrderCreation.PAYMENT_PROVIDER_ROLE);

  private final ECKey key;
  private final Clock clock;

  DevConsole(Clock clock) {
    try {
      this.key = new ECKeyGenerator(Curve.P_256).keyID("dev-" + UUID.randomUUID()).generate();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("cannot generate a development signing key", e);
    }
    this.clock = clock;
  }

  /**
   * Serves the ToDo endpoints and the console for {@code engine} on {@code host:port}, trusting a
   * key generated now, and prints where and the development token.
   */
  public static RailwayServer start(
      Engine engine, String host, int port, Clock clock, PrintWriter out) {
    DevConsole dev = new DevConsole(clock);
    JwtAuthenticator jwt = dev.authenticator();
    RailwayServer server =
        RailwayHttp.of(engine)
            .authenticator(jwt)
            .routes(RailwayConsole.of(engine).authenticator(jwt))
            .host(host)
            .start(port);
    out.printf(
        "console: http://%s:%d/ — sign in with this development token (subject 'dev', roles %s;"
            + " valid 12 h):%n  %s%n",
        host, server.port(), DEVELOPER.roles().stream().sorted().toList(), dev.token(DEVELOPER));
    out.flush();
    return server;
  }

  JwtAuthenticator authenticator() {
    return JwtAuthenticator.builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .keys(key.toPublicJWK())
        .build();
  }

  String token(Principal principal) {
    Date now = Date.from(clock.instant());
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(principal.name())
                .claim("roles", principal.roles().stream().sorted().toList())
                .issueTime(now)
                .notBeforeTime(now)
                .expirationTime(Date.from(clock.instant().plus(Duration.ofHours(12))))
                .build());
    try {
      jwt.sign(new ECDSASigner(key));
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new IllegalStateException("cannot sign the development token", e);
    }
    return jwt.serialize();
  }
}
