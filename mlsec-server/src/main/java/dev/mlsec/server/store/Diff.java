package dev.mlsec.server.store;

import java.util.List;

/** What changed from one version of a project to another, by finding fingerprint. */
public record Diff(
    int from, int to, List<FindingRow> added, List<FindingRow> resolved, List<Changed> changed) {

  /** A finding in both versions whose severity differs. */
  public record Changed(FindingRow before, FindingRow after) {}
}
