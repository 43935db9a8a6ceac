package dev.mlsec.scan;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Everything one file's scan accumulates: findings, formats met, budgets. FileFormat analyzers
 * report through it; it is not shared between files.
 */
public final class ScanContext {
  private static final int MAX_FINDINGS = 500;
  private final ScanLimits limits;
  private final ScanPolicy policy;
  private final long deadline;
  private final List<ScanFinding> findings = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private final Set<String> formats = new LinkedHashSet<>();
  private boolean inconclusive;
  private long opcodes;
  private long decompressed;
  private int dropped;
  private int embeddedTries;
  // external files a top-level model names (ONNX external data): checked against the disk by
  // the scanner when it scans a local file, never opened here
  private final List<String[]> externalFiles = new ArrayList<>();
  private final Set<String> importedModules = new LinkedHashSet<>();

  public ScanContext(ScanLimits limits, ScanPolicy policy) {
    this.limits = limits;
    this.policy = policy;
    this.deadline = System.nanoTime() + limits.maxTime().toNanos();
  }

  public ScanLimits limits() {
    return limits;
  }

  public ScanPolicy policy() {
    return policy;
  }

  /** Records a recognized format; "unknown" is not a format and is not recorded. */
  public void format(FileFormat f) {
    if (f != FileFormat.UNKNOWN) formats.add(f.id());
  }

  public List<String> formats() {
    return List.copyOf(formats);
  }

  public List<ScanFinding> findings() {
    List<ScanFinding> all = new ArrayList<>(findings);
    if (dropped > 0)
      all.add(
          new ScanFinding(
              ScanRule.LIMIT.id(),
              Level.LOW,
              -1,
              "",
              List.of(),
              dropped + " more findings were not listed"));
    return all;
  }

  /** Notes a file the model loads from beside it ({@code member}, {@code location}). */
  public void externalFile(String member, String location) {
    if (externalFiles.size() < MAX_FINDINGS) externalFiles.add(new String[] {member, location});
  }

  /**
   * Notes a module a pickle names in a GLOBAL, INST or STACK_GLOBAL: the unpickler imports it
   * (bounded: the first {@value #MAX_FINDINGS} distinct modules).
   */
  public void importedModule(String module) {
    if (importedModules.size() < MAX_FINDINGS) importedModules.add(module);
  }

  /** The modules the pickles of this file import, in the order first named. */
  public List<String> importedModules() {
    return List.copyOf(importedModules);
  }

  /** The external files noted, as {member, location} pairs. */
  public List<String[]> externalFiles() {
    return List.copyOf(externalFiles);
  }

  public boolean inconclusive() {
    return inconclusive;
  }

  public void report(
      ScanRule rule, long offset, String member, List<String> chain, String message) {
    report(rule, rule.level(), offset, member, chain, message);
  }

  public void report(
      ScanRule rule, Level level, long offset, String member, List<String> chain, String message) {
    if (rule.undecided()) inconclusive = true; // limits and malformed parts are never clean
    String key = rule.id() + '\0' + offset + '\0' + member + '\0' + message;
    if (!seen.add(key)) return;
    if (findings.size() >= MAX_FINDINGS) {
      dropped++;
      return;
    }
    findings.add(new ScanFinding(rule.id(), level, offset, member, chain, message));
  }

  /** A limit was reached: the file cannot be called clean. */
  public void limit(String member, long offset, String message) {
    inconclusive = true;
    report(ScanRule.LIMIT, offset, member, List.of(), message);
  }

  /** Part of the file could not be analyzed. */
  public void unreadable(String member, long offset, String message) {
    inconclusive = true;
    report(ScanRule.UNREADABLE, offset, member, List.of(), message);
  }

  /**
   * Counts one attempt to read data bytes as a pickle ({@code EmbeddedPickles}): false once {@code
   * max} attempts were made in this file.
   */
  public boolean tryEmbedded(int max) {
    return embeddedTries++ < max;
  }

  public void markInconclusive() {
    inconclusive = true;
  }

  /** Throws when the time budget is spent; cheap enough to call every few thousand steps. */
  public void checkTime() {
    if (System.nanoTime() - deadline > 0)
      throw new LimitReachedException("time limit of " + limits.maxTime().toSeconds() + " s");
  }

  /** Counts pickle opcodes against the per-file budget. */
  public void countOpcodes(long n) {
    opcodes += n;
    if (opcodes > limits.maxOpcodes())
      throw new LimitReachedException("opcode limit of " + limits.maxOpcodes());
  }

  /** Counts decompressed bytes against the per-file budget. */
  public void countDecompressed(long n) {
    decompressed += n;
    if (decompressed > limits.maxDecompressedBytes())
      throw new LimitReachedException(
          "decompressed size limit of " + limits.maxDecompressedBytes() + " bytes");
  }
}
