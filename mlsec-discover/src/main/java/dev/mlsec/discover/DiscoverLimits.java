package dev.mlsec.discover;

/**
 * How much of a repository discovery reads. Past {@code maxFiles} or {@code maxDepth} the walk
 * stops and says so; a file larger than {@code maxFileBytes} is listed but not read.
 */
public record DiscoverLimits(int maxFiles, int maxDepth, long maxFileBytes) {
  /** 100,000 files, 32 folder levels, 4 MiB per file (the workflow loader's file size). */
  public static final DiscoverLimits DEFAULT = new DiscoverLimits(100_000, 32, 4L << 20);

  public DiscoverLimits {
    if (maxFiles < 1 || maxDepth < 1 || maxFileBytes < 1)
      throw new IllegalArgumentException("limits must be positive");
  }
}
