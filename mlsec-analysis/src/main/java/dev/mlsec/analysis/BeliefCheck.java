package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.model.Control;
import dev.mlsec.model.ControlStatus;
import java.util.List;

/**
 * One person's beliefs judged by the analysis' own means, for beliefs held outside a workflow file
 * (the team server records them per member): a free-text concern mapped by the same {@link
 * ConcernMatcher} as a workflow's {@code concerns:}, and a belief that a control stops a threat
 * checked as a {@code believed-to-stop} claim is.
 */
public final class BeliefCheck {
  private final ConcernMatcher matcher;
  private final ClaimCheck claims;

  public BeliefCheck(Catalog catalog) {
    this.matcher = new ConcernMatcher(catalog);
    this.claims = new ClaimCheck(catalog);
  }

  /** What a concern maps to, and what came closest below the threshold. */
  public record Mapped(List<String> matched, List<String> closest) {}

  public Mapped concern(String text) {
    ConcernMatcher.Result r = matcher.match(text);
    return new Mapped(r.matched(), r.closest());
  }

  /**
   * The verdict on "control stops threat" (a threat or family id) by the catalog alone, as there is
   * no workflow to read: holds, partly, does-not-hold, or for a {@code custom:} control the verdict
   * of the catalog control its name matches ("judged as …"), else unverified; never holds-here. The
   * control must be in the catalog or custom.
   */
  public Claim claim(String control, String threat) {
    Control c =
        new Control(
            control, List.of(), ControlStatus.IMPLEMENTED, List.of(threat), "", null, null, null);
    ClaimCheck.Verdict v = claims.verdict(c, threat);
    return new Claim(
        control, "", threat, v.verdict().equals("holds"), v.verdict(), v.reason(), null);
  }
}
