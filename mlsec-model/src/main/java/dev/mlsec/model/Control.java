package dev.mlsec.model;

import java.util.List;

/**
 * A control the team says it has. {@code id} is a catalog control id or {@code custom:<name>};
 * {@code believedToStop} holds threat ids or family ids exactly as written; {@code evidence} is a
 * path or empty. The loader cannot know the catalog, so it keeps {@code idPosition} and one
 * position per {@code believedToStop} entry for the analysis to report unknown ids at their line.
 * {@code description} is the team's own words on what the control is, or empty.
 */
public record Control(
    String id,
    List<String> appliesTo,
    ControlStatus status,
    List<String> believedToStop,
    String evidence,
    Position position,
    Position idPosition,
    List<Position> believedToStopPositions,
    String description) {

  /** A control without a description. */
  public Control(
      String id,
      List<String> appliesTo,
      ControlStatus status,
      List<String> believedToStop,
      String evidence,
      Position position,
      Position idPosition,
      List<Position> believedToStopPositions) {
    this(
        id,
        appliesTo,
        status,
        believedToStop,
        evidence,
        position,
        idPosition,
        believedToStopPositions,
        "");
  }

  public Control {
    description = description == null ? "" : description;
    appliesTo = List.copyOf(appliesTo);
    believedToStop = List.copyOf(believedToStop);
    idPosition = idPosition == null ? position : idPosition;
    believedToStopPositions =
        believedToStopPositions == null || believedToStopPositions.size() != believedToStop.size()
            ? java.util.Collections.nCopies(believedToStop.size(), position)
            : List.copyOf(believedToStopPositions);
  }

  /** A control without detailed positions: every part points at {@code position}. */
  public Control(
      String id,
      List<String> appliesTo,
      ControlStatus status,
      List<String> believedToStop,
      String evidence,
      Position position) {
    this(id, appliesTo, status, believedToStop, evidence, position, position, null);
  }

  /** Where the i-th {@code believedToStop} entry is written. */
  public Position believedToStopPosition(int i) {
    return believedToStopPositions.get(i);
  }

  public boolean custom() {
    return id.startsWith("custom:");
  }

  public boolean implemented() {
    return status == ControlStatus.IMPLEMENTED;
  }
}
