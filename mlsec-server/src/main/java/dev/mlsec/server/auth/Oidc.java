package dev.mlsec.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sign-in through an OpenID Connect provider: the authorization-code flow with PKCE (S256), state
 * and nonce, the provider found by discovery, and the ID token checked by the Nimbus OAuth 2.0 /
 * OIDC SDK (signature against the provider's JWKS with an asymmetric algorithm the provider
 * announces, iss, aud, exp, iat, nonce). The configured claim of the token names a local user; that
 * user's roles apply. Nothing of the provider's answer is trusted before that check.
 */
public final class Oidc {
  /** How long a started sign-in may take at the provider. */
  public static final Duration PENDING = Duration.ofMinutes(10);

  /** At most this many sign-ins in progress (an unauthenticated request starts one). */
  static final int MAX_PENDING = 10_000;

  private static final int CONNECT_MS = 5_000;
  private static final int READ_MS = 10_000;
  private static final int MAX_JWKS_BYTES = 512 * 1024;

  /** The provider, this server as its client, and which claim names the local user. */
  public record Settings(
      URI issuer, String clientId, String clientSecret, URI redirect, String userClaim) {
    public Settings {
      if (issuer == null || clientId == null || redirect == null)
        throw new IllegalArgumentException(
            "OIDC needs --oidc-issuer, --oidc-client-id and --oidc-redirect-uri together");
      if (!issuer.isAbsolute() || issuer.getHost() == null)
        throw new IllegalArgumentException("--oidc-issuer " + issuer + " is not an absolute URL");
      if (!"https".equals(issuer.getScheme()) && !loopback(issuer.getHost()))
        throw new IllegalArgumentException(
            "--oidc-issuer must be https (plain http only on a loopback address): " + issuer);
      if (!redirect.isAbsolute()
          || !("https".equals(redirect.getScheme()) || "http".equals(redirect.getScheme()))
          || !redirect.getPath().equals(CALLBACK))
        throw new IllegalArgumentException(
            "--oidc-redirect-uri must be this server's http(s)://HOST[:PORT]" + CALLBACK);
      if (clientId.isBlank() || clientId.length() > 200)
        throw new IllegalArgumentException("--oidc-client-id must have 1 to 200 characters");
      if (userClaim == null || !userClaim.matches("[A-Za-z0-9_.:-]{1,100}"))
        throw new IllegalArgumentException(
            "--oidc-user-claim " + userClaim + " is not a claim name");
    }
  }

  /** The path of the callback the provider redirects the browser to. */
  public static final String CALLBACK = "/oidc/callback";

  /** A sign-in that failed; its message is safe to show (it names no secret). */
  public static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /**
   * What the browser must do to start: keep {@code binding} in a cookie, go to {@code redirect}.
   */
  public record Start(String binding, URI redirect) {}

  private record Pending(State state, Nonce nonce, CodeVerifier verifier, Instant started) {}

  /** The provider's metadata and the validator of its ID tokens, found once. */
  private record Provider(OIDCProviderMetadata metadata, IDTokenValidator validator) {}

  private final Settings settings;
  private final Clock clock;
  private final ConcurrentHashMap<String, Pending> pending = new ConcurrentHashMap<>();
  private volatile Provider provider;

  public Oidc(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Starts a sign-in: a fresh state, nonce and PKCE verifier, kept here under the hash of a random
   * value only the browser gets (its cookie), so a callback counts only in the browser that began.
   */
  public Start start() throws Refused {
    Provider p = provider();
    Instant now = clock.instant();
    pending.values().removeIf(x -> x.started().plus(PENDING).isBefore(now));
    // full (anyone may start one): the oldest gives way, so a flood cannot lock everyone out
    while (pending.size() >= MAX_PENDING)
      pending.entrySet().stream()
          .min(
              java.util.Map.Entry.comparingByValue(
                  java.util.Comparator.comparing(Pending::started)))
          .ifPresent(e -> pending.remove(e.getKey(), e.getValue()));
    Pending x = new Pending(new State(), new Nonce(), new CodeVerifier(), now);
    String binding = Secrets.create("");
    pending.put(Secrets.hash(binding), x);
    URI to =
        new AuthenticationRequest.Builder(
                ResponseType.CODE,
                new Scope("openid", "profile", "email"),
                new ClientID(settings.clientId()),
                settings.redirect())
            .endpointURI(p.metadata().getAuthorizationEndpointURI())
            .state(x.state())
            .nonce(x.nonce())
            .codeChallenge(x.verifier(), CodeChallengeMethod.S256)
            .build()
            .toURI();
    return new Start(binding, to);
  }

  /**
   * Completes a sign-in at the callback: the browser's binding and the returned state must be those
   * of one started sign-in (used up here, whatever follows, so neither can be replayed), the code
   * is exchanged with the PKCE verifier, and the ID token must pass every check.
   *
   * @return the local user's name: the value of the configured claim
   */
  public String complete(String binding, String state, String code, String error) throws Refused {
    if (binding == null || binding.length() > 200)
      throw new Refused("this sign-in was not started in this browser, or it expired: start again");
    Pending x = pending.remove(Secrets.hash(binding));
    if (x == null) throw new Refused("this sign-in was used already or it expired: start again");
    if (x.started().plus(PENDING).isBefore(clock.instant()))
      throw new Refused("this sign-in took too long: start again");
    if (state == null || !Secrets.same(state, x.state().getValue()))
      throw new Refused("the provider's answer does not belong to this sign-in (state)");
    if (error != null)
      throw new Refused("the identity provider refused the sign-in: " + bounded(error));
    if (code == null || code.isEmpty() || code.length() > 2_000)
      throw new Refused("the identity provider sent no authorization code");
    Provider p = provider();
    JWT idToken = exchange(p, code, x.verifier());
    IDTokenClaimsSet claims;
    try {
      claims = p.validator().validate(idToken, x.nonce());
    } catch (BadJOSEException | com.nimbusds.jose.JOSEException e) {
      throw new Refused("the ID token was refused: " + bounded(e.getMessage()), e);
    }
    Object value = claims.getClaim(settings.userClaim());
    if (!(value instanceof String name) || name.isEmpty())
      throw new Refused("the ID token has no " + settings.userClaim() + " claim naming the user");
    if (settings.userClaim().equals("email")
        && !Boolean.TRUE.equals(claims.getBooleanClaim("email_verified")))
      throw new Refused("the provider has not verified the email address " + bounded(name));
    return name;
  }

  private JWT exchange(Provider p, String code, CodeVerifier verifier) throws Refused {
    AuthorizationCodeGrant grant =
        new AuthorizationCodeGrant(new AuthorizationCode(code), settings.redirect(), verifier);
    URI endpoint = p.metadata().getTokenEndpointURI();
    ClientID client = new ClientID(settings.clientId());
    TokenRequest request =
        settings.clientSecret() == null
            ? new TokenRequest.Builder(endpoint, client, grant).build()
            : new TokenRequest.Builder(
                    endpoint,
                    new ClientSecretBasic(client, new Secret(settings.clientSecret())),
                    grant)
                .build();
    HTTPRequest http = request.toHTTPRequest();
    http.setConnectTimeout(CONNECT_MS);
    http.setReadTimeout(READ_MS);
    http.setFollowRedirects(false);
    TokenResponse response;
    try {
      response = OIDCTokenResponseParser.parse(http.send());
    } catch (IOException e) {
      throw new Refused("the identity provider's token endpoint does not answer", e);
    } catch (ParseException e) {
      throw new Refused("the identity provider's token answer is not valid", e);
    }
    if (!response.indicatesSuccess()) {
      ErrorObject e = response.toErrorResponse().getErrorObject();
      throw new Refused(
          "the identity provider refused the code: "
              + bounded(
                  e.getCode() + (e.getDescription() != null ? " " + e.getDescription() : "")));
    }
    JWT idToken = ((OIDCTokenResponse) response.toSuccessResponse()).getOIDCTokens().getIDToken();
    if (idToken == null) throw new Refused("the identity provider sent no ID token");
    return idToken;
  }

  /** Discovery, once it worked: the metadata, its issuer, the JWKS and the algorithms allowed. */
  private Provider provider() throws Refused {
    Provider p = provider;
    if (p != null) return p;
    synchronized (this) {
      if (provider != null) return provider;
      OIDCProviderMetadata m;
      try {
        // resolve() checks that the document's issuer is the configured one
        m = OIDCProviderMetadata.resolve(new Issuer(settings.issuer()), CONNECT_MS, READ_MS);
      } catch (GeneralException | IOException e) {
        throw new Refused(
            "the identity provider's discovery document cannot be read: " + bounded(e.getMessage()),
            e);
      }
      if (m.getAuthorizationEndpointURI() == null
          || m.getTokenEndpointURI() == null
          || m.getJWKSetURI() == null)
        throw new Refused(
            "the identity provider's discovery document lacks an authorization, token or JWKS"
                + " endpoint");
      JWKSource<SecurityContext> keys;
      try {
        keys =
            JWKSourceBuilder.<SecurityContext>create(
                    m.getJWKSetURI().toURL(),
                    new DefaultResourceRetriever(CONNECT_MS, READ_MS, MAX_JWKS_BYTES))
                .build();
      } catch (java.net.MalformedURLException e) {
        throw new Refused("the identity provider's JWKS address is not a URL", e);
      }
      IDTokenValidator validator =
          new IDTokenValidator(
              m.getIssuer(),
              new ClientID(settings.clientId()),
              new JWSVerificationKeySelector<>(algorithms(m), keys),
              null);
      provider = new Provider(m, validator);
      return provider;
    }
  }

  /**
   * The provider's announced ID-token algorithms that sign with a key pair (RS256 when it announces
   * none, as OIDC Discovery defines): never "none", never an HMAC keyed by the client secret.
   */
  static Set<JWSAlgorithm> algorithms(OIDCProviderMetadata m) {
    Set<JWSAlgorithm> asymmetric = new LinkedHashSet<>();
    asymmetric.addAll(JWSAlgorithm.Family.RSA);
    asymmetric.addAll(JWSAlgorithm.Family.EC);
    asymmetric.addAll(JWSAlgorithm.Family.ED);
    Set<JWSAlgorithm> allowed = new LinkedHashSet<>();
    if (m.getIDTokenJWSAlgs() != null)
      for (JWSAlgorithm a : m.getIDTokenJWSAlgs()) if (asymmetric.contains(a)) allowed.add(a);
    if (allowed.isEmpty()) allowed.add(JWSAlgorithm.RS256);
    return allowed;
  }

  static boolean loopback(String host) {
    try {
      String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
      // an address literal only (no DNS lookup): a name counts when it is localhost
      return h.equals("localhost")
          || ((h.matches("[0-9.]+") || h.contains(":"))
              && InetAddress.getByName(h).isLoopbackAddress());
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** A provider's text in a message: one line, bounded. */
  private static String bounded(String s) {
    if (s == null) return "";
    String line = s.replaceAll("\\p{Cntrl}", " ");
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
