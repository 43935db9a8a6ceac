package dev.mlsec.analysis.fact;

import dev.mlsec.model.Component;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What an acting agent tool does to the world, read from its words (id, name, description): it
 * moves physical things, redirects or moves money, or deletes. A steered call to such a tool is the
 * harm an agent finding has to name (docs/analysis.md, "What an agent's tools unlock"); a tool that
 * only reads, or whose words say none of these, has no harm of its own here. The words are a
 * class's vocabulary (doors, valves, bank details, payments, purchases, deletion), never one
 * workflow's.
 */
public enum ToolHarm {
  PHYSICAL(
      3,
      "moves physical things",
      "\\b(locks?|unlock\\w*|doors?|trunk|brakes?|braking|steering|throttle|valves?|pumps?|motors?"
          + "|actuat\\w*|vehicles?|drones?|robots?|robotic|thermostats?|ignition|physical\\w*)\\b"),
  // a tool that changes a payee's bank details redirects every later payment, whatever approves
  // the payments: read before the payment words, which such a tool's words often name too
  REDIRECTION(
      2,
      "redirects payments (changes the bank details they go to)",
      "(?s)^(?=.*\\b(chang\\w*|updat\\w*|edit\\w*|modif\\w*|replac\\w*|sets?)\\b)"
          + "(?=.*\\b(iban\\w*|bank details?|bank accounts?|account numbers?|payees?|beneficiar\\w*"
          + "|remittance details?|sort codes?|routing numbers?)\\b)"),
  MONEY(
      2,
      "moves money",
      "\\b(buy|buys|buying|purchas\\w*|pay|pays|paying|payments?|payouts?|refunds?|withdraw\\w*"
          + "|trades?|trading|checkout|charges?|invoices?|spend|spends|spending|funds|money"
          + "|wallets?|wire transfers?)\\b"),
  DELETION(
      1,
      "deletes",
      "\\b(delet\\w*|terminat\\w*|destroy\\w*|wipe|wipes|wiping|erase\\w*|purg\\w*|decommission\\w*)\\b");

  /** The higher, the worse: physical, then money (redirected or moved), then deletion. */
  public final int rank;

  /** The words a finding uses for it. */
  public final String words;

  private final Pattern pattern;

  ToolHarm(int rank, String words, String regex) {
    this.rank = rank;
    this.words = words;
    this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
  }

  /**
   * The worst harm a tool's words state, for a tool that acts (writes or runs code); empty for a
   * read-only or outbound-only tool, whose danger is what it reads or sends.
   */
  public static Optional<ToolHarm> of(Component tool, List<String> effects) {
    if (!effects.contains("writes") && !effects.contains("code-execution")) return Optional.empty();
    String text =
        tool.id().replace('-', ' ').replace('_', ' ')
            + " "
            + (tool.name() == null ? "" : tool.name())
            + " "
            + (tool.description() == null ? "" : tool.description());
    for (ToolHarm h : values()) if (h.pattern.matcher(text).find()) return Optional.of(h);
    return Optional.empty();
  }
}
