package dev.mlsec.model;

import java.time.LocalDate;
import java.util.Optional;

/** A triage decision on one finding; after {@code until} the finding is open again. */
public record Decision(
    String finding,
    DecisionStatus status,
    String reason,
    Optional<LocalDate> until,
    Position position) {

  /** Whether the decision still holds on {@code today}. */
  public boolean inForce(LocalDate today) {
    return until.map(u -> !today.isAfter(u)).orElse(true);
  }
}
