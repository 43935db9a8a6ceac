package dev.mlsec.report.baseline;

/** How a finding compares with the baseline run. */
public enum Change {
  NEW("new"),
  UNCHANGED("unchanged"),
  RESOLVED("resolved");

  private final String id;

  Change(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
