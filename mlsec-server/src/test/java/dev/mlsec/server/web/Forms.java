package dev.mlsec.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mlsec.server.TestServer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser without a browser: sign in through the form, load pages, post forms with cookies. */
final class Forms {
  static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  private final TestServer server;

  Forms(TestServer server) {
    this.server = server;
  }

  static String csrf(String html) {
    Matcher m = CSRF.matcher(html);
    assertThat(m.find()).as("a CSRF field in the form").isTrue();
    return m.group(1);
  }

  static String cookie(TestServer.Reply r, String name) {
    for (String c : r.headers().allValues("Set-Cookie")) {
      if (c.startsWith(name + "=")) return c;
    }
    throw new AssertionError("no cookie " + name + " in " + r.headers().allValues("Set-Cookie"));
  }

  static String value(String setCookie) {
    return setCookie.substring(setCookie.indexOf('=') + 1, setCookie.indexOf(';'));
  }

  TestServer.Reply post(String path, String cookies, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return server.send(
        "POST",
        path,
        null,
        body,
        Map.of("Content-Type", "application/x-www-form-urlencoded", "Cookie", cookies));
  }

  /** Signs in through the form; returns the session cookie header value. */
  String signIn(String name, String password) {
    TestServer.Reply page = server.get("/login", null);
    String login = value(cookie(page, "mlsec_login"));
    TestServer.Reply r =
        post(
            "/login",
            "mlsec_login=" + login,
            Map.of("csrf", csrf(page.body()), "name", name, "password", password));
    assertThat(r.status()).as(r.body()).isEqualTo(303);
    String session = cookie(r, "mlsec_session");
    assertThat(session).contains("HttpOnly", "Secure", "SameSite=Strict");
    return "mlsec_session=" + value(session);
  }

  TestServer.Reply get(String path, String cookies) {
    return server.send("GET", path, null, null, Map.of("Cookie", cookies));
  }
}
