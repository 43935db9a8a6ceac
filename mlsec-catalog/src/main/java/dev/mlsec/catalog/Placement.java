package dev.mlsec.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where a control must stand to cover a finding (docs/catalog-format.md, "A control"). Each
 * placement includes the ones before it: the finding's target; anywhere on its path from entry to
 * target; also upstream of the target (training-time defences for a served model); also downstream
 * (gates and monitors that see what the target produced before it is used); or both directions
 * along the model's lifecycle (a release gate between training and deployment).
 */
public enum Placement {
  TARGET,
  PATH,
  UPSTREAM,
  DOWNSTREAM,
  LIFECYCLE;

  /** Whether a control placed so may stand upstream of the finding's target. */
  public boolean upstream() {
    return this == UPSTREAM || this == LIFECYCLE;
  }

  /** Whether a control placed so may stand downstream of the finding's target. */
  public boolean downstream() {
    return this == DOWNSTREAM || this == LIFECYCLE;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static List<String> ids() {
    return Arrays.stream(values()).map(Placement::id).toList();
  }

  public static Optional<Placement> byId(String id) {
    return Arrays.stream(values()).filter(p -> p.id().equals(id)).findFirst();
  }
}
