package dev.mlsec.analysis;

import dev.mlsec.model.Position;
import java.util.List;

/**
 * A concern of the team laid beside the workflow.
 *
 * @param matched catalog threat ids the text maps to
 * @param exposed finding ids of this workflow among those threats (what the concern points at that
 *     the workflow really exposes)
 */
public record ConcernMatch(
    String text, List<String> matched, List<String> exposed, Position location) {
  public ConcernMatch {
    matched = List.copyOf(matched);
    exposed = List.copyOf(exposed);
  }
}
