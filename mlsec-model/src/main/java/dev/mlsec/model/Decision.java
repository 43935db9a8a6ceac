package dev.mlsec.model;

import java.time.LocalDate;
import java.util.Optional;

/**
 * A triage decision on one finding; after {@code until} the finding is open again. {@code finding}
 * is {@code <threat>@<component>} or {@code <threat>@<from>-><to>}; the loader checks the component
 * or flow, and {@code findingPosition} (the first character of the threat part) lets the analysis
 * report a threat id the catalog does not know.
 */
public record Decision(
    String finding,
    DecisionStatus status,
    String reason,
    Optional<LocalDate> until,
    Position position,
    Position findingPosition) {

  public Decision {
    findingPosition = findingPosition == null ? position : findingPosition;
  }

  /** A decision whose finding id is located at {@code position}. */
  public Decision(
      String finding,
      DecisionStatus status,
      String reason,
      Optional<LocalDate> until,
      Position position) {
    this(finding, status, reason, until, position, position);
  }

  /** The threat part of the finding id (before {@code @}). */
  public String threat() {
    int at = finding.indexOf('@');
    return at < 0 ? finding : finding.substring(0, at);
  }

  /** The component id or {@code from->to} flow id (after {@code @}). */
  public String target() {
    int at = finding.indexOf('@');
    return at < 0 ? "" : finding.substring(at + 1);
  }

  /** Whether the decision still holds on {@code today}. */
  public boolean inForce(LocalDate today) {
    return until.map(u -> !today.isAfter(u)).orElse(true);
  }
}
