package dev.mlsec.model;

/** Whether a control is in place or only planned; planned controls never mitigate. */
public enum ControlStatus {
  IMPLEMENTED("implemented"),
  PLANNED("planned");

  private final String id;

  ControlStatus(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }
}
