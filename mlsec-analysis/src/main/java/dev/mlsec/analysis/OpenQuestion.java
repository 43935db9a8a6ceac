package dev.mlsec.analysis;

import dev.mlsec.model.Position;
import java.util.List;

/**
 * An unknown attribute that decides findings.
 *
 * @param attribute {@code component.attribute}
 * @param question the concrete question to ask the team
 * @param decides finding ids whose status depends on the answer
 */
public record OpenQuestion(
    String attribute, String question, List<String> decides, Position location) {
  public OpenQuestion {
    decides = List.copyOf(decides);
  }
}
