package dev.mlsec.server.web;

import dev.mlsec.server.HttpError;
import dev.mlsec.server.auth.Principal;
import dev.mlsec.server.auth.Role;
import dev.mlsec.server.auth.Secrets;
import dev.mlsec.server.store.Store;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * Who a request comes from: an API token in {@code Authorization: Bearer …}, or a page session's
 * cookie. No credentials is 401; credentials without the role in that project is 403.
 */
final class Access {
  static final String SESSION_COOKIE = "mlsec_session";

  private final Store store;
  private final Clock clock;

  Access(Store store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  LocalDate today() {
    return LocalDate.now(clock.withZone(ZoneOffset.UTC));
  }

  /** The token's principal, or 401. */
  Principal token(Context ctx) {
    String header = ctx.header("Authorization");
    if (header == null || !header.startsWith("Bearer ")) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new HttpError(401, "an API token is required: Authorization: Bearer TOKEN");
    }
    String token = header.substring("Bearer ".length()).trim();
    if (token.isEmpty() || token.length() > 200) throw new HttpError(401, "the token is not valid");
    String hash = Secrets.hash(token);
    Store.TokenRow row =
        store.token(hash).orElseThrow(() -> new HttpError(401, "the token is not valid"));
    if (row.expires() != null && row.expires().isBefore(today())) {
      throw new HttpError(401, "the token expired on " + row.expires());
    }
    String actor = "token " + hash.substring(0, 8);
    return row.project() == null
        ? new Principal(actor, true, Map.of())
        : new Principal(actor, false, Map.of(row.project(), row.role()));
  }

  /** A page session, if the cookie names a live one. */
  Optional<Session> session(Context ctx) {
    String id = ctx.cookie(SESSION_COOKIE);
    if (id == null || id.length() > 200) return Optional.empty();
    return store
        .session(Secrets.hash(id))
        .map(e -> new Session(store.principal(e.getValue()), e.getKey().csrf()));
  }

  /** A page user and the CSRF token of their session. */
  record Session(Principal principal, String csrf) {}

  /** 403 unless {@code who} has at least {@code role} in {@code project}. */
  static void require(Principal who, String project, Role role) {
    if (!who.may(project, role)) {
      throw new HttpError(
          403,
          who.name() + " may not do this in project " + project + " (needs " + role.id() + ")");
    }
  }

  /** 403 for a project the principal may not see, then 404 for one that does not exist. */
  void requireProject(Principal who, String project, Role role) {
    require(who, project, role);
    if (!store.exists(project)) throw HttpError.notFound("no project " + project);
  }
}
