package dev.mlsec.model;

import java.util.List;

/** A trust boundary: the components inside it. */
public record Zone(String name, List<String> members, Position position) {
  public Zone {
    members = List.copyOf(members);
  }
}
