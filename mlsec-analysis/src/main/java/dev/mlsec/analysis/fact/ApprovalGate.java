package dev.mlsec.analysis.fact;

import dev.mlsec.model.Component;
import dev.mlsec.model.Control;
import dev.mlsec.model.Workflow;
import java.util.Collection;
import java.util.regex.Pattern;

/**
 * An approval of an agent tool's calls that the agent's own input can switch off: the words of the
 * gate (the tool's own, where it states {@code requires-approval}, or those of a {@code
 * human-approval} control on it) key the approval on a tag, label or flag of the item acted on
 * ("terminate of resources tagged env=prod needs approval"). Whoever writes what the agent reads
 * writes those items too, so a steered call on an item without the tag runs unapproved
 * (docs/analysis.md, "Approval gates the attacker can write").
 */
public final class ApprovalGate {
  private ApprovalGate() {}

  /** Words that key an approval on a mark of the item: tagged, labelled, flagged, tag=…. */
  static final Pattern KEYED =
      Pattern.compile(
          "\\b(tagged|labell?ed|flagged|marked as|(?:tags?|labels?|flags?)\\s*[=:]"
              + "|(?:with|has|have|having|carry|carries|bears?|bearing) (?:the |a |an )?"
              + "(?:[\\w-]+ )?(?:tag|label|flag)s?)(?![\\w-])",
          Pattern.CASE_INSENSITIVE);

  /** A sentence of a tool's own words that speaks of its approval. */
  private static final Pattern APPROVAL =
      Pattern.compile("\\b(approv\\w*|sign-?off|confirm\\w*)\\b", Pattern.CASE_INSENSITIVE);

  /**
   * Whether the approval the tool relies on is keyed on a mark of the item acted on: a sentence of
   * its own words about its approval, or the description of a human-approval control on it.
   */
  public static boolean keyedOnMark(Workflow w, Component tool) {
    String own = (tool.name() == null ? "" : tool.name()) + ". " + nonNull(tool.description());
    for (String sentence : own.split("[.;\\n]"))
      if (APPROVAL.matcher(sentence).find() && KEYED.matcher(sentence).find()) return true;
    for (Control c : w.controls())
      if (c.id().equals("human-approval")
          && c.appliesTo().contains(tool.id())
          && KEYED.matcher(nonNull(c.description())).find()) return true;
    return false;
  }

  /**
   * Whether someone outside the team writes what steers the tool: untrusted content in the context
   * of a model that calls it, or a prompt by anyone but the team ({@code steered_by}).
   */
  public static boolean outsidersSteer(Collection<String> steeredBy) {
    for (String s : steeredBy) if (!s.equals("prompt:internal")) return true;
    return false;
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
