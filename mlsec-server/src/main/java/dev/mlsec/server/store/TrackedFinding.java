package dev.mlsec.server.store;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** A finding of a version with the server's decision on it, if any. */
public record TrackedFinding(
    FindingRow finding, Optional<DecisionRecord> decision, LocalDate today) {
  static final Set<String> ACTIONABLE = Set.of("open", "conditional", "in-progress");

  /** The analysis' status, unless an unexpired decision of the team says otherwise. */
  public String status() {
    return decision
        .filter(d -> d.active(today))
        .map(DecisionRecord::state)
        .orElse(finding.status());
  }

  public boolean open() {
    return ACTIONABLE.contains(status());
  }
}
