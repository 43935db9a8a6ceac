package dev.mlsec.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Handler;
import java.util.ArrayList;
import java.util.List;

/** Registers routes with Javalin and remembers them, so the OpenAPI test can compare. */
public final class Routes {
  /** One registered route. */
  public record Route(String method, String path) {}

  private final RoutesConfig config;
  private final List<Route> routes = new ArrayList<>();

  Routes(RoutesConfig config) {
    this.config = config;
  }

  void get(String path, Handler h) {
    routes.add(new Route("get", path));
    config.get(path, h);
  }

  void post(String path, Handler h) {
    routes.add(new Route("post", path));
    config.post(path, h);
  }

  public List<Route> all() {
    return List.copyOf(routes);
  }
}
