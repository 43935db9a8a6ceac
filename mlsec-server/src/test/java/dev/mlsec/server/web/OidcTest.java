package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mlsec.server.SharedDatabase;
import dev.mlsec.server.TestServer;
import dev.mlsec.server.auth.Oidc;
import dev.mlsec.server.auth.Role;
import dev.mlsec.server.auth.Secrets;
import dev.mlsec.server.store.Store;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Single sign-on end to end against a small identity provider started here on 127.0.0.1 (discovery
 * document, JWKS, authorization redirect, token endpoint that checks the PKCE verifier), then the
 * hostile answers a provider, or someone between it and the browser, could give: a token signed by
 * another key, for another client, expired, from another issuer, unsigned ("none"), HMAC-signed
 * with the client secret, with the nonce of an earlier sign-in; a replayed callback, a state of
 * another sign-in, no binding cookie, an unverified email, a user who does not exist here.
 */
class OidcTest {
  static final String CLIENT = "mlsec-test-client";
  static final String SECRET = "a-client-secret-of-at-least-32-bytes-long";
  static final String PROJECT = "oidc-project";
  static final String USER = "oidc-dana@example.org";
  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  static HttpServer idp;
  static String issuer;
  static RSAKey key;
  static Server server;
  static String base;
  static Store store;
  static Oidc oidc;

  /** What the provider's token endpoint puts in the next ID token; tests replace it. */
  static volatile Function<Grant, String> minter;

  /** What the provider got at its authorization endpoint, by code. */
  record Grant(String nonce, String challenge, String redirect, String code) {}

  static final Map<String, Grant> grants = new ConcurrentHashMap<>();
  static final List<String> tokenRequests = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    key = new RSAKeyGenerator(2048).keyID("k1").generate();
    idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    issuer = "http://127.0.0.1:" + idp.getAddress().getPort();
    idp.createContext("/.well-known/openid-configuration", OidcTest::discovery);
    idp.createContext("/jwks", x -> answer(x, 200, new JWKSet(key.toPublicJWK()).toString()));
    idp.createContext("/authorize", OidcTest::authorize);
    idp.createContext("/token", OidcTest::token);
    idp.start();

    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    base = "http://127.0.0.1:" + port;
    store = SharedDatabase.store();
    oidc =
        new Oidc(
            new Oidc.Settings(
                URI.create(issuer), CLIENT, SECRET, URI.create(base + Oidc.CALLBACK), "email"),
            Clock.systemUTC());
    server = Server.start(store, "127.0.0.1", port, Clock.systemUTC(), "test", false, oidc);
    // a user made for single sign-on only, through the API: no password
    String admin = Secrets.create("mlsec_");
    store.createToken(Secrets.hash(admin), null, Role.ADMIN, null, "test");
    HttpResponse<String> made =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/api/v1/users"))
                .header("Authorization", "Bearer " + admin)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"name\": \""
                            + USER
                            + "\", \"projects\": {\""
                            + PROJECT
                            + "\": \"viewer\"}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
    assertThat(store.user(USER).orElseThrow().passwordHash()).isNull();
  }

  @AfterAll
  static void stop() {
    server.close();
    idp.stop(0);
  }

  @BeforeEach
  void honestProvider() {
    minter = g -> signed(claims(g.nonce()).build(), key);
  }

  // ---- the fake provider

  static void discovery(HttpExchange x) throws IOException {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("issuer", issuer);
    d.put("authorization_endpoint", issuer + "/authorize");
    d.put("token_endpoint", issuer + "/token");
    d.put("jwks_uri", issuer + "/jwks");
    d.put("response_types_supported", List.of("code"));
    d.put("subject_types_supported", List.of("public"));
    // a provider may announce "none" and HS256: the server must still refuse both
    d.put("id_token_signing_alg_values_supported", List.of("RS256", "HS256", "none"));
    d.put("code_challenge_methods_supported", List.of("S256"));
    answer(x, 200, TestServer.JSON.writeValueAsString(d));
  }

  static void authorize(HttpExchange x) throws IOException {
    Map<String, String> q = query(x.getRequestURI().getRawQuery());
    if (!"code".equals(q.get("response_type"))
        || !CLIENT.equals(q.get("client_id"))
        || !"S256".equals(q.get("code_challenge_method"))
        || q.get("state") == null
        || q.get("nonce") == null
        || !q.getOrDefault("scope", "").contains("openid")) {
      answer(x, 400, "bad authorization request " + q);
      return;
    }
    String code = "code-" + java.util.UUID.randomUUID();
    grants.put(
        code, new Grant(q.get("nonce"), q.get("code_challenge"), q.get("redirect_uri"), code));
    x.getResponseHeaders()
        .add("Location", q.get("redirect_uri") + "?code=" + code + "&state=" + enc(q.get("state")));
    x.sendResponseHeaders(302, -1);
    x.close();
  }

  static void token(HttpExchange x) throws IOException {
    String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    tokenRequests.add(body);
    Map<String, String> f = query(body);
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((CLIENT + ":" + SECRET).getBytes(StandardCharsets.UTF_8));
    Grant g = grants.remove(f.getOrDefault("code", ""));
    if (!basic.equals(x.getRequestHeaders().getFirst("Authorization"))) {
      answer(x, 401, "{\"error\":\"invalid_client\"}");
    } else if (g == null
        || !"authorization_code".equals(f.get("grant_type"))
        || !g.redirect().equals(f.get("redirect_uri"))
        || !g.challenge().equals(s256(f.getOrDefault("code_verifier", "")))) {
      answer(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"code or PKCE\"}");
    } else {
      answer(
          x,
          200,
          "{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":60,\"id_token\":\""
              + minter.apply(g)
              + "\"}");
    }
  }

  static JWTClaimsSet.Builder claims(String nonce) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer(issuer)
        .audience(CLIENT)
        .subject("u-1")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(300)))
        .claim("nonce", nonce)
        .claim("email", USER)
        .claim("email_verified", true);
  }

  static String signed(JWTClaimsSet c, RSAKey with) {
    try {
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(), c);
      jwt.sign(new RSASSASigner(with));
      return jwt.serialize();
    } catch (com.nimbusds.jose.JOSEException e) {
      throw new AssertionError(e);
    }
  }

  // ---- the browser

  record Reply(int status, String body, HttpResponse<String> raw) {
    String location() {
      return raw.headers().firstValue("Location").orElse(null);
    }

    String cookie(String name) {
      for (String c : raw.headers().allValues("Set-Cookie")) if (c.startsWith(name + "=")) return c;
      return null;
    }
  }

  static Reply get(String url, String cookie) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
    if (cookie != null) b.header("Cookie", cookie);
    try {
      HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A started sign-in: the browser's binding cookie and the provider's redirect back. */
  record Started(String cookie, String authorize) {}

  static Started begin() {
    Reply r = get(base + "/oidc/login", null);
    assertThat(r.status()).as(r.body()).isEqualTo(303);
    String c = r.cookie("mlsec_oidc");
    assertThat(c).contains("HttpOnly", "Secure", "SameSite=Lax", "Path=/oidc/");
    return new Started(
        "mlsec_oidc=" + c.substring(c.indexOf('=') + 1, c.indexOf(';')), r.location());
  }

  /** The provider's redirect to the callback, after it "authenticated" the user. */
  static String callbackOf(Started s) {
    Reply r = get(s.authorize(), null);
    assertThat(r.status()).as(r.body()).isEqualTo(302);
    return r.location();
  }

  static Reply signIn() {
    Started s = begin();
    return get(callbackOf(s), s.cookie());
  }

  static void refused(Reply r, String why) {
    assertThat(r.status()).as(r.body()).isEqualTo(403);
    assertThat(r.body()).contains(why);
    assertThat(r.cookie("mlsec_session")).isNull();
  }

  // ---- the flow

  @Test
  void theAuthorizationRequestUsesPkceStateAndNonce() {
    Started s = begin();
    Map<String, String> q = query(URI.create(s.authorize()).getRawQuery());
    assertThat(s.authorize()).startsWith(issuer + "/authorize?");
    assertThat(q)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", CLIENT)
        .containsEntry("redirect_uri", base + "/oidc/callback")
        .containsEntry("code_challenge_method", "S256")
        .containsKeys("state", "nonce", "code_challenge");
    assertThat(q.get("scope").split(" ")).contains("openid", "email");
    Map<String, String> other = query(URI.create(begin().authorize()).getRawQuery());
    assertThat(other.get("state")).isNotEqualTo(q.get("state"));
    assertThat(other.get("nonce")).isNotEqualTo(q.get("nonce"));
  }

  @Test
  void anHonestProviderSignsTheLocalUserInWithTheirRoles() {
    Reply r = signIn();
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).contains("http-equiv=\"refresh\"", USER);
    String session = r.cookie("mlsec_session");
    assertThat(session).contains("HttpOnly", "Secure", "SameSite=Strict");
    String cookie =
        "mlsec_session=" + session.substring(session.indexOf('=') + 1, session.indexOf(';'));
    Reply portfolio = get(base + "/", cookie);
    assertThat(portfolio.status()).isEqualTo(200);
    assertThat(portfolio.body()).contains(USER);
    // the local user's roles: viewer of PROJECT only, so another project is 403
    assertThat(get(base + "/projects/oidc-elsewhere", cookie).status()).isEqualTo(403);
    // the token endpoint got the PKCE verifier and the client's credentials
    assertThat(tokenRequests.get(tokenRequests.size() - 1)).contains("code_verifier=");
  }

  @Test
  void aUserForSingleSignOnOnlyCannotUseThePasswordForm() throws Exception {
    Reply form = get(base + "/login", null);
    assertThat(form.body()).contains("href=\"/oidc/login\"");
    String login = form.cookie("mlsec_login");
    String body =
        "csrf="
            + enc(Forms.csrf(form.body()))
            + "&name="
            + enc(USER)
            + "&password="
            + enc("any password at all");
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", login.substring(0, login.indexOf(';')))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("mlsec_session="));
  }

  @Test
  void aReplayedCallbackIsRefused() {
    Started s = begin();
    String callback = callbackOf(s);
    assertThat(get(callback, s.cookie()).status()).isEqualTo(200);
    refused(get(callback, s.cookie()), "used already");
  }

  @Test
  void theStateOfAnotherSignInIsRefused() {
    Started mine = begin();
    Started theirs = begin();
    refused(get(callbackOf(theirs), mine.cookie()), "state");
    // and mine is used up by that attempt
    refused(get(callbackOf(mine), mine.cookie()), "used already");
  }

  @Test
  void aFloodOfStartedSignInsPushesOutTheOldestAndLocksNobodyOut() throws Exception {
    Started old = begin();
    String callback = callbackOf(old);
    // anyone may start sign-ins; the 10,000 kept in memory are the newest
    for (int i = 0; i < 10_000; i++) oidc.start();
    refused(get(callback, old.cookie()), "used already");
    assertThat(signIn().status()).isEqualTo(200);
  }

  @Test
  void aCallbackWithoutTheBrowsersBindingIsRefused() {
    refused(get(callbackOf(begin()), null), "not started in this browser");
  }

  @Test
  void aTokenSignedByAnotherKeyIsRefused() throws Exception {
    RSAKey other = new RSAKeyGenerator(2048).keyID("k1").generate();
    minter = g -> signed(claims(g.nonce()).build(), other);
    refused(signIn(), "ID token was refused");
  }

  @Test
  void aTokenForAnotherClientIsRefused() {
    minter = g -> signed(claims(g.nonce()).audience("another-client").build(), key);
    refused(signIn(), "ID token was refused");
  }

  @Test
  void anExpiredTokenIsRefused() {
    Instant then = Instant.now().minus(Duration.ofHours(2));
    minter =
        g ->
            signed(
                claims(g.nonce())
                    .issueTime(Date.from(then))
                    .expirationTime(Date.from(then.plusSeconds(300)))
                    .build(),
                key);
    refused(signIn(), "ID token was refused");
  }

  @Test
  void aTokenOfAnotherIssuerIsRefused() {
    minter = g -> signed(claims(g.nonce()).issuer("https://evil.example").build(), key);
    refused(signIn(), "ID token was refused");
  }

  @Test
  void theNonceOfAnEarlierSignInIsRefused() {
    String[] first = new String[1];
    minter =
        g -> {
          first[0] = g.nonce();
          return signed(claims(g.nonce()).build(), key);
        };
    assertThat(signIn().status()).isEqualTo(200);
    // the provider (or whoever answers for it) replays the first sign-in's token on the second
    minter = g -> signed(claims(first[0]).build(), key);
    refused(signIn(), "ID token was refused");
  }

  @Test
  void anUnsignedTokenIsRefusedThoughTheProviderAnnouncesNone() {
    minter = g -> new PlainJWT(claims(g.nonce()).build()).serialize();
    refused(signIn(), "ID token was refused");
  }

  @Test
  void aTokenSignedWithTheClientSecretIsRefused() {
    minter =
        g -> {
          try {
            SignedJWT jwt =
                new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(g.nonce()).build());
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
          } catch (com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
          }
        };
    refused(signIn(), "ID token was refused");
  }

  @Test
  void anUnverifiedEmailOrAnUnknownUserSignsNobodyIn() {
    minter = g -> signed(claims(g.nonce()).claim("email_verified", false).build(), key);
    refused(signIn(), "not verified the email");
    minter = g -> signed(claims(g.nonce()).claim("email", "oidc-nobody@example.org").build(), key);
    refused(signIn(), "no user oidc-nobody@example.org");
    minter = g -> signed(claims(g.nonce()).claim("email", null).build(), key);
    refused(signIn(), "no email claim");
  }

  @Test
  void theProvidersRefusalIsShownAndSignsNobodyIn() {
    Started s = begin();
    String state = query(URI.create(s.authorize()).getRawQuery()).get("state");
    refused(
        get(base + "/oidc/callback?error=access_denied&state=" + enc(state), s.cookie()),
        "refused the sign-in: access_denied");
  }

  @Test
  void settingsRefusePlainHttpToARemoteProviderAndAnIncompleteSetup() {
    assertThatThrownBy(
            () ->
                new Oidc.Settings(
                    URI.create("http://idp.example.org"),
                    CLIENT,
                    null,
                    URI.create(base + Oidc.CALLBACK),
                    "email"))
        .hasMessageContaining("must be https");
    assertThatThrownBy(
            () -> new Oidc.Settings(URI.create("https://idp.example.org"), null, null, null, "sub"))
        .hasMessageContaining("together");
    assertThatThrownBy(
            () ->
                new Oidc.Settings(
                    URI.create("https://idp.example.org"),
                    CLIENT,
                    null,
                    URI.create(base + "/elsewhere"),
                    "sub"))
        .hasMessageContaining("/oidc/callback");
  }

  // ---- helpers

  static void answer(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(status, b.length);
    x.getResponseBody().write(b);
    x.close();
  }

  static Map<String, String> query(String raw) {
    Map<String, String> m = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return m;
    for (String p : raw.split("&")) {
      int i = p.indexOf('=');
      String k = i < 0 ? p : p.substring(0, i);
      String v = i < 0 ? "" : p.substring(i + 1);
      m.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return m;
  }

  static String enc(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String s256(String verifier) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
