package dev.mlsec.scan;

import java.time.Duration;

/**
 * Every resource bound of a scan. Reaching one makes the file {@link Verdict#INCONCLUSIVE}, never
 * clean.
 *
 * @param maxOpcodes pickle opcodes per file (all pickles of the file together)
 * @param maxMemo memo entries of one pickle
 * @param maxStackDepth values on the pickle stack plus open marks
 * @param maxTime wall-clock time per file
 * @param maxDecompressedBytes bytes produced by decompression per file
 * @param maxNesting archive/compression nesting depth
 * @param maxEntries archive entries per archive
 * @param maxBufferedBytes bytes held in memory for a member that needs random access
 * @param maxHeaderBytes JSON/metadata headers (safetensors, npy, keras config, gguf strings)
 */
public record ScanLimits(
    long maxOpcodes,
    int maxMemo,
    int maxStackDepth,
    Duration maxTime,
    long maxDecompressedBytes,
    int maxNesting,
    int maxEntries,
    int maxBufferedBytes,
    int maxHeaderBytes) {

  public ScanLimits {
    if (maxOpcodes <= 0
        || maxMemo <= 0
        || maxStackDepth <= 0
        || maxDecompressedBytes <= 0
        || maxNesting < 0
        || maxEntries <= 0
        || maxBufferedBytes <= 0
        || maxHeaderBytes <= 0
        || maxTime == null
        || maxTime.isNegative()
        || maxTime.isZero()) throw new IllegalArgumentException("scan limits must be positive");
  }

  /** Limits that scan multi-GB models within a 256 MB heap. */
  public static ScanLimits defaults() {
    return new ScanLimits(
        50_000_000L,
        4_000_000,
        100_000,
        Duration.ofSeconds(120),
        4L << 30,
        4,
        100_000,
        48 << 20,
        64 << 20);
  }

  public ScanLimits withMaxOpcodes(long v) {
    return new ScanLimits(
        v,
        maxMemo,
        maxStackDepth,
        maxTime,
        maxDecompressedBytes,
        maxNesting,
        maxEntries,
        maxBufferedBytes,
        maxHeaderBytes);
  }

  public ScanLimits withMaxTime(Duration v) {
    return new ScanLimits(
        maxOpcodes,
        maxMemo,
        maxStackDepth,
        v,
        maxDecompressedBytes,
        maxNesting,
        maxEntries,
        maxBufferedBytes,
        maxHeaderBytes);
  }

  public ScanLimits withMaxDecompressedBytes(long v) {
    return new ScanLimits(
        maxOpcodes,
        maxMemo,
        maxStackDepth,
        maxTime,
        v,
        maxNesting,
        maxEntries,
        maxBufferedBytes,
        maxHeaderBytes);
  }

  public ScanLimits withMaxNesting(int v) {
    return new ScanLimits(
        maxOpcodes,
        maxMemo,
        maxStackDepth,
        maxTime,
        maxDecompressedBytes,
        v,
        maxEntries,
        maxBufferedBytes,
        maxHeaderBytes);
  }

  public ScanLimits withMaxMemo(int v) {
    return new ScanLimits(
        maxOpcodes,
        v,
        maxStackDepth,
        maxTime,
        maxDecompressedBytes,
        maxNesting,
        maxEntries,
        maxBufferedBytes,
        maxHeaderBytes);
  }
}
