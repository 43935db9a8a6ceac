package dev.mlsec.catalog;

import dev.mlsec.model.Position;
import java.util.List;

/**
 * A control as the catalog knows it. Ids in {@code full}, {@code partial} and {@code notStopped}
 * are threat ids or family ids.
 *
 * @param notStopped what the control is commonly believed to stop but does not, with why
 * @param placement where it must stand to cover a finding (default {@link Placement#PATH})
 * @param keywords the words teams name this kind of control by (a {@code custom:} control is judged
 *     as the catalog control its name and description match)
 */
public record ControlDef(
    String id,
    String title,
    String description,
    List<String> full,
    List<String> partial,
    List<Misbelief> notStopped,
    Placement placement,
    Position position,
    List<String> keywords) {

  public ControlDef {
    keywords = List.copyOf(keywords);
    full = List.copyOf(full);
    partial = List.copyOf(partial);
    notStopped = List.copyOf(notStopped);
  }

  /** A threat or family this control does not stop, and the reason in one sentence. */
  public record Misbelief(String threat, String reason) {}
}
