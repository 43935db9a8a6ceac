package dev.mlsec.server.web;

import dev.mlsec.server.HttpError;
import dev.mlsec.server.Limits;
import dev.mlsec.server.store.Store;
import io.javalin.Javalin;
import java.time.Clock;
import java.util.List;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP server: the API, the pages, the security headers and the error mapping. */
public final class Server implements AutoCloseable {
  /** Request threads (Jetty's own, acceptors and selectors included); more requests wait. */
  static final int THREADS = 32;

  private static final Logger LOG = LoggerFactory.getLogger(Server.class);

  private final Javalin app;
  private final List<Routes.Route> routes;

  private Server(Javalin app, List<Routes.Route> routes) {
    this.app = app;
    this.routes = routes;
  }

  /** Starts on {@code host:port} (port 0: any free port). */
  public static Server start(Store store, String host, int port, Clock clock, String version) {
    return start(store, host, port, clock, version, false);
  }

  /** As above; {@code privateWebhooks}: webhooks may point at loopback and private addresses. */
  public static Server start(
      Store store, String host, int port, Clock clock, String version, boolean privateWebhooks) {
    return start(store, host, port, clock, version, privateWebhooks, null);
  }

  /** As above, with single sign-on through {@code oidc} (null: none). */
  public static Server start(
      Store store,
      String host,
      int port,
      Clock clock,
      String version,
      boolean privateWebhooks,
      dev.mlsec.server.auth.Oidc oidc) {
    Access access = new Access(store, clock);
    Api api = new Api(store, access, privateWebhooks);
    Pages pages = new Pages(store, access, api, clock, version, oidc);
    PortfolioPages views = new PortfolioPages(store, access, pages);
    Routes[] holder = new Routes[1];
    Javalin app =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.startup.showOldJavalinVersionWarning = false;
              config.http.maxRequestSize = Limits.MAX_REQUEST_BYTES;
              config.http.generateEtags = false;
              config.jetty.host = host;
              config.jetty.port = port;
              QueuedThreadPool pool = new QueuedThreadPool(THREADS, 4, 60_000);
              pool.setName("mlsec-http");
              config.jetty.threadPool = pool;
              config.routes.before(Server::securityHeaders);
              Routes r = new Routes(config.routes);
              api.routes(r);
              pages.routes(r);
              views.routes(r);
              holder[0] = r;
              config.routes.exception(
                  HttpError.class,
                  (e, ctx) -> {
                    drain(ctx);
                    if (ctx.path().startsWith("/api/")) {
                      Api.send(
                          ctx,
                          e.status(),
                          Api.JSON.createObjectNode().put("error", e.getMessage()));
                    } else {
                      pages.error(ctx, e);
                    }
                  });
              config.routes.exception(
                  Exception.class,
                  (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    HttpError internal = new HttpError(500, "internal error: see the server log");
                    if (ctx.path().startsWith("/api/")) {
                      Api.send(
                          ctx,
                          500,
                          Api.JSON.createObjectNode().put("error", internal.getMessage()));
                    } else {
                      pages.error(ctx, internal);
                    }
                  });
              config.routes.error(
                  404,
                  ctx -> {
                    if (ctx.result() == null || ctx.result().isEmpty()) {
                      Api.send(ctx, 404, Api.JSON.createObjectNode().put("error", "not found"));
                    }
                  });
            });
    app.start();
    return new Server(app, holder[0].all());
  }

  /**
   * Reads and drops what is left of a refused request's body (at most the request limit), so a
   * client still sending it, such as an upload without a token, receives the error: closing a
   * socket with unread data resets it, and the client then sees no answer at all. A body announced
   * larger than the limit is not waited for: draining could not reach its end, and a client that
   * sends only the head would hold the request until the idle timeout; the connection is closed
   * after the answer instead.
   */
  static void drain(io.javalin.http.Context ctx) {
    if (ctx.contentLength() > Limits.MAX_REQUEST_BYTES) {
      ctx.header("Connection", "close");
      return;
    }
    byte[] buffer = new byte[8192];
    long left = Limits.MAX_REQUEST_BYTES;
    try {
      java.io.InputStream in = ctx.req().getInputStream();
      int n;
      while (left > 0 && (n = in.read(buffer, 0, (int) Math.min(buffer.length, left))) > 0)
        left -= n;
    } catch (java.io.IOException | IllegalStateException e) {
      // the client has gone, or the body was already read: nothing left to drain
    }
  }

  private static void securityHeaders(io.javalin.http.Context ctx) {
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    ctx.header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    ctx.header("Cache-Control", "no-store");
  }

  public int port() {
    return app.port();
  }

  /** Every route the server answers, as registered. */
  public List<Routes.Route> routes() {
    return routes;
  }

  @Override
  public void close() {
    app.stop();
  }
}
