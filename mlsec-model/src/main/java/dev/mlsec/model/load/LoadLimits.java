package dev.mlsec.model.load;

/**
 * Every resource bound the loader enforces, so that a hostile or broken file is refused quickly
 * with a message instead of exhausting memory or time.
 *
 * @param maxFileBytes largest file accepted, in bytes (UTF-8)
 * @param maxAliases most YAML aliases ({@code *name}) in one file
 * @param maxDepth deepest nesting of mappings and sequences
 * @param maxComponents most components
 * @param maxFlows most flows
 * @param maxNodes most YAML nodes, counting every node an alias repeats (stops "billion laughs")
 * @param maxErrors most mistakes reported for one file; the rest are counted, not listed
 */
public record LoadLimits(
    long maxFileBytes,
    int maxAliases,
    int maxDepth,
    int maxComponents,
    int maxFlows,
    long maxNodes,
    int maxErrors) {

  /** How many mistakes of one file are listed unless a caller says otherwise. */
  public static final int DEFAULT_MAX_ERRORS = 20;

  public static final LoadLimits DEFAULT =
      new LoadLimits(4L * 1024 * 1024, 50, 64, 20_000, 200_000, 2_000_000, DEFAULT_MAX_ERRORS);

  /** Limits that list up to {@link #DEFAULT_MAX_ERRORS} mistakes. */
  public LoadLimits(
      long maxFileBytes,
      int maxAliases,
      int maxDepth,
      int maxComponents,
      int maxFlows,
      long maxNodes) {
    this(maxFileBytes, maxAliases, maxDepth, maxComponents, maxFlows, maxNodes, DEFAULT_MAX_ERRORS);
  }

  public LoadLimits {
    if (maxFileBytes <= 0
        || maxAliases < 0
        || maxDepth <= 0
        || maxComponents <= 0
        || maxFlows < 0
        || maxNodes <= 0
        || maxErrors <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
