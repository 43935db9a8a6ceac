package dev.mlsec.model;

import java.util.List;

/**
 * A control the team says it has. {@code id} is a catalog control id or {@code custom:<name>};
 * {@code believedToStop} holds threat ids or family ids exactly as written; {@code evidence} is a
 * path or empty.
 */
public record Control(
    String id,
    List<String> appliesTo,
    ControlStatus status,
    List<String> believedToStop,
    String evidence,
    Position position) {

  public Control {
    appliesTo = List.copyOf(appliesTo);
    believedToStop = List.copyOf(believedToStop);
  }

  public boolean custom() {
    return id.startsWith("custom:");
  }

  public boolean implemented() {
    return status == ControlStatus.IMPLEMENTED;
  }
}
