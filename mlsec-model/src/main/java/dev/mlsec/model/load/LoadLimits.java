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
 */
public record LoadLimits(
    long maxFileBytes,
    int maxAliases,
    int maxDepth,
    int maxComponents,
    int maxFlows,
    long maxNodes) {

  public static final LoadLimits DEFAULT =
      new LoadLimits(4L * 1024 * 1024, 50, 64, 20_000, 200_000, 2_000_000);

  public LoadLimits {
    if (maxFileBytes <= 0
        || maxAliases < 0
        || maxDepth <= 0
        || maxComponents <= 0
        || maxFlows < 0
        || maxNodes <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
