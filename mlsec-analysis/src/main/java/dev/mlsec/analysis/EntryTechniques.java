package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.WorkflowGraph;
import dev.mlsec.catalog.References;
import dev.mlsec.catalog.Threat;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The MITRE ATLAS techniques that follow from where an attack enters rather than from the threat:
 * how the attacker gets the access the finding's path starts with (docs/analysis.md, "Techniques of
 * the entry"). Only stated attributes count, so an unknown never adds a technique.
 */
final class EntryTechniques {
  /** Establish Accounts: the attacker signs up for the accounts the attack uses. */
  static final String ESTABLISH_ACCOUNTS = "AML.T0021";

  /**
   * Valid Accounts: the attack needs an account the team issued, the attacker's or a stolen one.
   */
  static final String VALID_ACCOUNTS = "AML.T0012";

  /** AI-Enabled Product or Service: the model is reached through the product, not its own API. */
  static final String AI_ENABLED_PRODUCT = "AML.T0047";

  /** AI Service Proxies: a third party resells access to the model, pooling many callers. */
  static final String AI_SERVICE_PROXIES = "AML.T0008.005";

  private EntryTechniques() {}

  /** The threat's references plus the techniques of the finding's entry, in that order. */
  static References of(Threat t, List<String> path, WorkflowGraph g) {
    List<String> extra = new ArrayList<>();
    if (!path.isEmpty()) {
      int entry = g.indexOf(path.get(0));
      if (entry >= 0 && g.kind(entry) == ComponentKind.ACTOR) {
        Component actor = g.component(entry);
        String trust = actor.text("trust").orElse("");
        boolean signUp = actor.bool("self-registration").orElse(false);
        if (signUp && (trust.equals("anonymous") || trust.equals("authenticated")))
          extra.add(ESTABLISH_ACCOUNTS);
        else if (trust.equals("authenticated") || trust.equals("partner"))
          extra.add(VALID_ACCOUNTS);
        if (t.path().equals("query") && throughProduct(path, g)) extra.add(AI_ENABLED_PRODUCT);
      }
      if (t.family().equals("model-extraction") && resold(path, g)) extra.add(AI_SERVICE_PROXIES);
    }
    List<String> atlas = new ArrayList<>(t.refs().atlas());
    for (String id : extra) if (!atlas.contains(id)) atlas.add(id);
    if (atlas.size() == t.refs().atlas().size()) return t.refs();
    References r = t.refs();
    return new References(atlas, r.owaspMl(), r.owaspLlm(), r.nistAml(), r.euAiAct());
  }

  /** An application stands between the actor and the first model on the path. */
  private static boolean throughProduct(List<String> path, WorkflowGraph g) {
    boolean product = false;
    for (int i = 1; i < path.size(); i++) {
      ComponentKind k = g.kind(g.indexOf(path.get(i)));
      if (k == ComponentKind.SERVING || k == ComponentKind.LLM) return product;
      product |= k == ComponentKind.APPLICATION;
    }
    return false;
  }

  /**
   * A third-party service exchanges requests and answers both with outside actors and with a model
   * on the path: it relays (resells) their access.
   */
  private static boolean resold(List<String> path, WorkflowGraph g) {
    for (String id : path) {
      int v = g.indexOf(id);
      ComponentKind k = g.kind(v);
      if (k != ComponentKind.SERVING && k != ComponentKind.LLM) continue;
      for (int s : both(g, v))
        if (g.kind(s) == ComponentKind.THIRD_PARTY_SERVICE)
          for (int a : both(g, s))
            if (g.kind(a) == ComponentKind.ACTOR
                && !g.component(a).text("trust").orElse("internal").equals("internal")) return true;
    }
    return false;
  }

  /** The components that v sends to and receives from (a request and its answer). */
  private static List<Integer> both(WorkflowGraph g, int v) {
    List<Integer> out = new ArrayList<>();
    int[] pred = g.predecessors(v);
    for (int s : g.successors(v))
      for (int p : pred)
        if (p == s) {
          out.add(s);
          break;
        }
    return out;
  }
}
