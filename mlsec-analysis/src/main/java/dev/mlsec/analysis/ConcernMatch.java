package dev.mlsec.analysis;

import dev.mlsec.model.Position;
import java.util.List;

/**
 * A concern of the team laid beside the workflow.
 *
 * @param matched catalog threat ids the text maps to
 * @param exposed finding ids of this workflow among those threats (what the concern points at that
 *     the workflow really exposes); a variant of a grouped finding by its own id, an alias of the
 *     group
 * @param closest threat ids that came next, below the mapping threshold: for a concern that maps to
 *     nothing, what it may have meant
 * @param why why the concern was matched so ("names an instruction slipped to the model, raised
 *     here as ..."); empty for a concern that maps to nothing
 */
public record ConcernMatch(
    String text,
    List<String> matched,
    List<String> exposed,
    Position location,
    List<String> closest,
    String why) {
  public ConcernMatch {
    why = why == null ? "" : why;
    matched = List.copyOf(matched);
    exposed = List.copyOf(exposed);
    closest = List.copyOf(closest);
  }

  public ConcernMatch(
      String text,
      List<String> matched,
      List<String> exposed,
      Position location,
      List<String> closest) {
    this(text, matched, exposed, location, closest, "");
  }

  public ConcernMatch(String text, List<String> matched, List<String> exposed, Position location) {
    this(text, matched, exposed, location, List.of(), "");
  }

  /** The concern maps to no threat of the catalog: reports say so instead of "not exposed". */
  public boolean unmapped() {
    return matched.isEmpty();
  }
}
