package dev.mlsec.scan;

import java.util.List;
import java.util.Objects;

/**
 * One thing the scanner found.
 *
 * @param ruleId stable rule id (see {@link ScanRule})
 * @param level how bad it is
 * @param offset byte offset inside the member (or the file when {@code member} is empty); -1 if
 *     none
 * @param member path of the archive entry (nested entries joined by {@code "!/"}), empty for the
 *     file itself
 * @param callChain for pickle calls: the resolved call, then how its callable was obtained
 * @param message one sentence for a person
 */
public record ScanFinding(
    String ruleId,
    Level level,
    long offset,
    String member,
    List<String> callChain,
    String message) {
  public ScanFinding {
    Objects.requireNonNull(ruleId);
    Objects.requireNonNull(level);
    member = member == null ? "" : member;
    callChain = callChain == null ? List.of() : List.copyOf(callChain);
    message = message == null ? "" : message;
  }
}
