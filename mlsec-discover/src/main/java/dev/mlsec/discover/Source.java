package dev.mlsec.discover;

/**
 * One kind of repository file that discovery reads (DVC pipelines, MLflow models, MCP
 * configurations, ...). A source finds its files in {@link Repository#files()}, reads them only
 * through the repository (which enforces the limits and turns malformed files into warnings), and
 * adds what they state to the {@link Draft}, with evidence. It never executes or imports anything.
 * Adding a source is one class and one line in {@link Sources#ALL}.
 */
public interface Source {
  /** A short lower-case name used in evidence and the summary, e.g. {@code dvc}. */
  String name();

  void read(Repository repo, Draft draft);
}
