package dev.mlsec.server.auth;

import java.util.Map;
import java.util.Optional;

/**
 * Who is asking: a user (by session) or an API token. A server admin may do everything; anyone else
 * has a role per project, or none.
 */
public record Principal(String name, boolean admin, Map<String, Role> projects) {
  public Principal {
    projects = Map.copyOf(projects);
  }

  public Optional<Role> roleIn(String project) {
    return admin ? Optional.of(Role.ADMIN) : Optional.ofNullable(projects.get(project));
  }

  public boolean may(String project, Role needed) {
    return roleIn(project).map(r -> r.includes(needed)).orElse(false);
  }
}
