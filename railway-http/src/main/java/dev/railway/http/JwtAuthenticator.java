package dev.railway.http;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.railway.definition.Principal;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Bearer JWTs ({@code Authorization: Bearer <token>}) signed by an SSO or identity provider,
 * verified with nimbus-jose-jwt against configured public keys or a JWKS document: signature
 * (asymmetric algorithms only, never {@code alg: none}), issuer, audience, expiry and not-before
 * with a clock skew. The principal is the {@code sub} claim; its roles come from a claim (an array
 * of strings, or a space-separated string like {@code scope}).
 */
public final class JwtAuthenticator implements Authenticator {
  private static final Set<JWSAlgorithm> ALGORITHMS =
      Set.of(
          JWSAlgorithm.RS256,
          JWSAlgorithm.RS384,
          JWSAlgorithm.RS512,
          JWSAlgorithm.PS256,
          JWSAlgorithm.PS384,
          JWSAlgorithm.PS512,
          JWSAlgorithm.ES256,
          JWSAlgorithm.ES384,
          JWSAlgorithm.ES512,
          JWSAlgorithm.Ed25519,
          JWSAlgorithm.EdDSA);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final String rolesClaim;

  private JwtAuthenticator(Builder b) {
    this.rolesClaim = b.rolesClaim;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, b.keys));
    Clock clock = b.clock;
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            Set.of(b.audience),
            new JWTClaimsSet.Builder().issuer(b.issuer).build(),
            Set.of("sub", "exp", "iss", "aud"),
            Set.of()) {
          @Override
          protected Date currentTime() {
            return Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew(Math.toIntExact(b.clockSkew.toSeconds()));
    processor.setJWTClaimsSetVerifier(claims);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Authentication authenticate(InboundRequest request) {
    String header = request.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return Authentication.none();
    }
    if (request.headerCount("Authorization") > 1) {
      return Authentication.refused("more than one Authorization header");
    }
    String token = header.substring(7).trim();
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (Exception e) {
      // The library's message names the failed check (expired, bad signature, wrong audience...)
      // and never the token itself.
      return Authentication.refused("bearer token rejected: " + e.getMessage());
    }
    String subject = claims.getSubject();
    if (subject == null || subject.isBlank()) {
      return Authentication.refused("bearer token has no subject");
    }
    return Authentication.of(new Principal(subject, roles(claims)));
  }

  private Set<String> roles(JWTClaimsSet claims) {
    Object value = claims.getClaim(rolesClaim);
    Set<String> roles = new LinkedHashSet<>();
    if (value instanceof String s) {
      roles.addAll(Arrays.asList(s.trim().split("\\s+")));
      roles.remove("");
    } else if (value instanceof List<?> list) {
      for (Object o : list) {
        if (o instanceof String s && !s.isBlank()) {
          roles.add(s);
        }
      }
    }
    return roles;
  }

  /** Validated configuration: issuer, audience and keys are required. */
  public static final class Builder {
    private String issuer;
    private String audience;
    private JWKSource<SecurityContext> keys;
    private Duration clockSkew = Duration.ofSeconds(60);
    private String rolesClaim = "roles";
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** The exact {@code iss} a token must carry. */
    public Builder issuer(String issuer) {
      this.issuer = nonBlank(issuer, "issuer");
      return this;
    }

    /** The {@code aud} a token must be issued for. */
    public Builder audience(String audience) {
      this.audience = nonBlank(audience, "audience");
      return this;
    }

    /** Public keys that may sign tokens (JWKs with a key id). */
    public Builder keys(JWK... publicKeys) {
      List<JWK> list = new ArrayList<>();
      for (JWK k : publicKeys) {
        Objects.requireNonNull(k, "key");
        if (k.isPrivate()) {
          list.add(k.toPublicJWK()); // Only what verifies is kept.
        } else {
          list.add(k);
        }
      }
      if (list.isEmpty()) {
        throw new IllegalArgumentException("JWT authenticator needs at least one public key");
      }
      this.keys = new ImmutableJWKSet<>(new JWKSet(list));
      return this;
    }

    /** A JWKS document (e.g. the identity provider's {@code jwks_uri}), fetched and cached. */
    public Builder jwks(URL jwksUrl) {
      Objects.requireNonNull(jwksUrl, "JWKS URL");
      this.keys = JWKSourceBuilder.<SecurityContext>create(jwksUrl).build();
      return this;
    }

    /** Tolerated difference between the issuer's clock and ours (default 60 s, at most 5 min). */
    public Builder clockSkew(Duration skew) {
      Objects.requireNonNull(skew, "clock skew");
      if (skew.isNegative() || skew.compareTo(Duration.ofMinutes(5)) > 0) {
        throw new IllegalArgumentException("clock skew must be between 0 and PT5M; was " + skew);
      }
      this.clockSkew = skew;
      return this;
    }

    /** The claim that lists the principal's roles (default {@code roles}). */
    public Builder rolesClaim(String claim) {
      this.rolesClaim = nonBlank(claim, "roles claim");
      return this;
    }

    /** The clock that expiry and not-before are checked against (tests inject one). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public JwtAuthenticator build() {
      List<String> missing = new ArrayList<>();
      if (issuer == null) {
        missing.add("issuer");
      }
      if (audience == null) {
        missing.add("audience");
      }
      if (keys == null) {
        missing.add("keys or jwks");
      }
      if (!missing.isEmpty()) {
        throw new IllegalStateException(
            "JWT authenticator is missing " + String.join(", ", missing));
      }
      return new JwtAuthenticator(this);
    }

    private static String nonBlank(String value, String what) {
      if (value == null || value.isBlank()) {
        throw new IllegalArgumentException(what + " must not be blank; was '" + value + "'");
      }
      return value;
    }
  }
}
