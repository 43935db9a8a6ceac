package dev.mlsec.analysis;

/** Where a finding stands. Only {@link #OPEN} and {@link #CONDITIONAL} count for --fail-on. */
public enum FindingStatus {
  OPEN("open"),
  CONDITIONAL("conditional"),
  IN_PROGRESS("in-progress"),
  ACCEPTED("accepted"),
  MITIGATED("mitigated"),
  FALSE_POSITIVE("false-positive");

  private final String id;

  FindingStatus(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  /** Still asks for action: open, or open under some answer to an unknown. */
  public boolean actionable() {
    return this == OPEN || this == CONDITIONAL;
  }
}
