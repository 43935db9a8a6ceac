package dev.mlsec.report.baseline;

import dev.mlsec.analysis.Finding;
import dev.mlsec.catalog.Severity;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The current findings split into new and unchanged, plus the baseline findings that are gone.
 * {@code --fail-on} with a baseline looks at {@link #added()} only.
 */
public final class Changes {
  private final List<Finding> added;
  private final List<Finding> unchanged;
  private final List<Baseline.Entry> resolved;
  private final Set<String> addedIds = new HashSet<>();

  public Changes(List<Finding> added, List<Finding> unchanged, List<Baseline.Entry> resolved) {
    this.added = List.copyOf(added);
    this.unchanged = List.copyOf(unchanged);
    this.resolved = List.copyOf(resolved);
    for (Finding f : added) addedIds.add(f.id());
  }

  /** Findings whose id the baseline does not have. */
  public List<Finding> added() {
    return added;
  }

  public List<Finding> unchanged() {
    return unchanged;
  }

  /** Baseline findings the current analysis no longer reports. */
  public List<Baseline.Entry> resolved() {
    return resolved;
  }

  /**
   * What {@code --fail-on} looks at with a baseline: new findings that still ask for action (open
   * or conditional) at or above {@code threshold}.
   */
  public List<Finding> failing(Severity threshold) {
    return added.stream()
        .filter(f -> f.status().actionable() && f.severity().atLeast(threshold))
        .toList();
  }

  public Change of(Finding f) {
    return addedIds.contains(f.id()) ? Change.NEW : Change.UNCHANGED;
  }

  public boolean isNew(Finding f) {
    return addedIds.contains(f.id());
  }
}
