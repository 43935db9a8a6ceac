package dev.mlsec.server.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/** The triage decision in force for one finding of a project. */
public record DecisionRecord(
    String finding,
    String state,
    String reason,
    String owner,
    LocalDate expires,
    String decidedBy,
    Instant decidedAt) {

  public static final Set<String> STATES =
      Set.of("accepted", "mitigated", "false-positive", "in-progress");

  /** Whether it still applies on {@code today}; an expired decision reopens its finding. */
  public boolean active(LocalDate today) {
    return expires == null || !expires.isBefore(today);
  }
}
