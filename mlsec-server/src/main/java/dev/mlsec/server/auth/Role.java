package dev.mlsec.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What a user or token may do in a project; each role includes the ones before it. */
public enum Role {
  VIEWER,
  UPLOADER,
  EDITOR,
  ADMIN;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  public static Optional<Role> byId(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
  }
}
