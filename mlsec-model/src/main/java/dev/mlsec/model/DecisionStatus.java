package dev.mlsec.model;

/** What a team decided about a finding. */
public enum DecisionStatus {
  ACCEPTED("accepted"),
  MITIGATED("mitigated"),
  FALSE_POSITIVE("false-positive"),
  IN_PROGRESS("in-progress");

  private final String id;

  DecisionStatus(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
