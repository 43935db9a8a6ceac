package dev.mlsec.analysis;

import dev.mlsec.analysis.fact.Influence;
import dev.mlsec.analysis.fact.ToolHarm;
import dev.mlsec.analysis.fact.WorkflowGraph;
import dev.mlsec.catalog.Severity;
import dev.mlsec.catalog.Threat;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The severity model of docs/analysis.md, in the spirit of the OWASP risk rating: impact (the
 * catalog's impact, raised by what the target holds or can do) against likelihood (who can reach
 * the entry of the attack), lowered by partial controls in the finding's scope. Each factor is
 * recorded as one line, so every report can show why a finding has its rating.
 */
final class SeverityModel {
  /** The likelihood step of a finding anyone can reach (read back by the analyzer). */
  static final String ANYONE_REACHES = "likelihood high: anyone can reach it";

  private SeverityModel() {}

  /**
   * Assets whose loss raises the impact one step, and the threat families whose damage falls on
   * them: personal data raises what discloses it, a high-value model what steals or corrupts it, a
   * credential what abuses it. Evading a valuable model does not make the evasion worse.
   */
  private static final Map<String, Set<String>> STAKES =
      Map.of(
          "data:personal",
          Set.of(
              "privacy",
              "information-disclosure",
              "access",
              "platform",
              "excessive-agency",
              "prompt-injection",
              "output-handling"),
          "model:high",
          Set.of("model-extraction", "platform", "supply-chain", "backdoor", "data-poisoning"),
          "credential",
          Set.of("platform", "supply-chain", "excessive-agency", "access"));

  /**
   * Families whose damage is disclosing what reaches the target (its context), not only what it
   * holds.
   */
  private static final Set<String> DISCLOSES = Set.of("information-disclosure");

  /**
   * Copying a model fine-tuned from weights anyone can download (its only pretrained source is a
   * public hub) gives the copier the fine-tuning, not the model: its high value does not raise
   * model extraction further (the other stakes of the target still do).
   */
  @SuppressWarnings("unchecked")
  private static boolean copiesOpenWeights(Threat t, Map<String, Object> f, List<String> stakes) {
    if (!t.family().equals("model-extraction") || !stakes.equals(List.of("model:high")))
      return false;
    List<String> sources = (List<String>) f.getOrDefault("pretrained_sources", List.of());
    List<String> methods = (List<String>) f.getOrDefault("training_methods", List.of());
    return sources.equals(List.of("public-hub")) && methods.contains("fine-tune");
  }

  private static boolean answersFromContext(ComponentKind k) {
    return k == ComponentKind.LLM
        || k == ComponentKind.SERVING
        || k == ComponentKind.THIRD_PARTY_SERVICE;
  }

  /** Impact levels, 0 (info) to 4 (critical): the inverse of {@link Severity}'s order. */
  private static int level(Severity s) {
    return Severity.values().length - 1 - s.ordinal();
  }

  private static Severity severity(int level) {
    int clamped = Math.max(0, Math.min(4, level));
    return Severity.values()[Severity.values().length - 1 - clamped];
  }

  @SuppressWarnings("unchecked")
  static Severity rate(
      Threat t,
      String target,
      Map<String, Object> f,
      List<String> path,
      int[] queriers,
      boolean isFlow,
      List<String> partials,
      boolean conditional,
      boolean malicious,
      WorkflowGraph g,
      List<String> steps) {
    if (malicious) {
      steps.add("a scan found the artifact malicious: critical whatever the factors");
      steps.add("= critical");
      return Severity.CRITICAL;
    }
    int impact = level(t.impact());
    steps.add("impact " + t.impact().id() + " (catalog)");
    List<String> assets;
    String exposure;
    if (isFlow) {
      Map<String, Object> from = (Map<String, Object>) f.get("from");
      Map<String, Object> to = (Map<String, Object>) f.get("to");
      TreeSet<String> both = new TreeSet<>((List<String>) f.get("carries_kinds"));
      both.addAll((List<String>) to.get("asset_kinds"));
      assets = List.copyOf(both);
      exposure = wider((String) from.get("exposure"), (String) to.get("exposure"));
    } else {
      assets = (List<String>) f.get("asset_kinds");
      // records that reach a model (a prompt built from customer records) are what it can disclose
      int v = g.indexOf(target);
      if (DISCLOSES.contains(t.family()) && v >= 0 && answersFromContext(g.kind(v))) {
        TreeSet<String> both = new TreeSet<>(assets);
        both.addAll((List<String>) f.getOrDefault("records_reaching", List.of()));
        assets = List.copyOf(both);
      }
      exposure = (String) f.get("exposure");
    }
    // a threat about a credential already rates the credential: count it once
    boolean aboutCredentials = t.path().equals("credential");
    List<String> stakes =
        assets.stream()
            .filter(a -> STAKES.getOrDefault(a, Set.of()).contains(t.family()))
            .filter(a -> !(aboutCredentials && a.equals("credential")))
            .toList();
    if (stakes.contains("credential") && credentialRatedBySteering(t, g, target, f)) {
      stakes = stakes.stream().filter(a -> !a.equals("credential")).toList();
      steps.add(
          "no +1 impact for credential: a steered agent's use of it, unapproved, is rated by"
              + " agent-credential-action on this tool");
    }
    if (!stakes.isEmpty() && copiesOpenWeights(t, f, stakes)) {
      steps.add(
          "no +1 impact for model:high: it is fine-tuned from public-hub weights, so a copy"
              + " gains only the fine-tuning");
    } else if (!stakes.isEmpty()) {
      impact++;
      steps.add("+1 impact: holds or receives " + String.join(", ", stakes));
    }
    if (!isFlow
        && t.id().equals("unreviewed-decision-stake")
        && ((List<String>) f.getOrDefault("unreviewed_stakes", List.of()))
            .stream().anyMatch(s -> s.endsWith("(safety)"))) {
      impact++;
      steps.add("+1 impact: a wrong decision it acts on lets through what is a safety harm");
    }
    String harm = isFlow ? "" : harmToPeople(t, g, target);
    if (!harm.isEmpty()) {
      impact++;
      steps.add("+1 impact: a wrong action falls on people, not on the team (" + harm + ")");
    }
    Influence.Reach reach = reach(exposure);
    String entry = "";
    // whoever queries it, as stated: an account anyone can create is anyone
    for (int a : queriers) {
      Influence.Reach r = entryReach(g.component(a));
      if (r != null && r.ordinal() < reach.ordinal()) {
        reach = r;
        entry = " through " + g.id(a);
      }
    }
    // the entry is where the path starts; without a path, the target itself (its own content)
    String start = path.isEmpty() ? target : path.get(0);
    int u = g.indexOf(start);
    if (u >= 0) {
      Influence.Reach r = entryReach(g.component(u));
      if (r != null && r.ordinal() < reach.ordinal()) {
        reach = r;
        entry = start.equals(target) ? "" : " through " + start;
      }
    }
    // the path is as likely as its least trusted contributor, not as the person who starts it:
    // a component on it that outsiders write through, or a tool whose output steers a model on it
    // (not a hop's interception, a wrong answer nobody needs to cause, nor an insider's misuse)
    // nor an attack whose attacker reads the answers (path query): content that steers a model on
    // the way does not hand its writer what the model answers the one who asks
    boolean byContributors =
        !isFlow
            && !t.path().equals("query")
            && !WITHOUT_ATTACKER.contains(t.id())
            && !INSIDER_ATTACKER.contains(t.id());
    for (String node : byContributors ? path : List.<String>of()) {
      int w = g.indexOf(node);
      if (w < 0 || node.equals(start)) continue;
      for (int c : contributors(g, w)) {
        Influence.Reach r = supplyReach(g.component(c));
        if (r != null && r.ordinal() < reach.ordinal()) {
          reach = r;
          entry = " through " + g.id(c);
        }
      }
    }
    // a token file on a machine where code from outside runs is as likely as that code's publisher
    boolean ownDevice = false;
    for (String reader : (List<String>) f.getOrDefault("file_token_readers", List.of())) {
      ownDevice |= reader.startsWith("whatever ");
      int m = g.indexOf(reader.substring(0, reader.indexOf(' ')));
      if (m < 0) continue;
      List<Integer> suppliers = new java.util.ArrayList<>(List.of(m));
      for (int d : g.predecessors(m)) if (g.kind(d) == ComponentKind.DEPENDENCY) suppliers.add(d);
      for (int c : suppliers) {
        Influence.Reach r = supplyReach(g.component(c));
        if (r != null && r.ordinal() < reach.ordinal()) {
          reach = r;
          entry = " through " + g.id(c);
        }
      }
    }
    int likelihood = reach.likelihood();
    if (t.id().equals("insider-sensor-denial")) {
      likelihood = 1;
      steps.add(
          "-1 likelihood medium: its attacker is the staff the workflow names, who reach the sensor"
              + " by their job, not anyone who can reach it");
    } else if (ownDevice && likelihood < 1) {
      likelihood = 1;
      steps.add(
          "-1 likelihood medium: the file is on a person's own device, where the packages and"
              + " scripts they install run as them");
    } else if (FOOTHOLD_ATTACKER.contains(t.id()) && likelihood < 1) {
      likelihood = 1;
      steps.add(
          "-1 likelihood medium: its attacker already runs code on a host of the network, and the"
              + " allowed domain is how that code gets out");
    } else if (WITHOUT_ATTACKER.contains(t.id()) && likelihood < 1) {
      likelihood = 1;
      steps.add("-1 likelihood medium: the model errs without an attacker, whoever reaches it");
    } else if (RECEIVER_ATTACKER.contains(t.id()) && likelihood > 1) {
      likelihood = 1;
      steps.add(
          "-1 likelihood medium: its adversary is the party that receives every request (the"
              + " provider, its staff, an intruder there), whoever sends it");
    } else if (INSIDER_ATTACKER.contains(t.id()) && likelihood < 1) {
      likelihood = 1;
      steps.add(
          "-1 likelihood medium: its attacker is one of the team's own people, who all reach it");
    } else
      steps.add(
          switch (likelihood) {
            case 2 -> ANYONE_REACHES + entry;
            case 1 -> "-1 likelihood medium: only " + reachWords(reach) + " can reach it" + entry;
            default -> "-2 likelihood low: only the team can reach it";
          });
    int score = impact + likelihood - 2;
    if (NEEDS_PARSER_BUG.contains(t.id())) {
      score--;
      steps.add("-1 the attack needs a memory-corruption bug in a native parser, known or new");
    }
    String vouched = vouchedFor(t, g, target);
    if (!vouched.isEmpty()) {
      score--;
      steps.add("-1 " + vouched + ": only a version that was checked can load, no swap upstream");
    }
    String writers = restrictedWriters(t, g, target, likelihood);
    if (!writers.isEmpty()) {
      score--;
      steps.add("-1 " + writers);
    }
    for (int i = 0; i < Math.min(2, partials.size()); i++) {
      score--;
      steps.add("-1 " + partials.get(i) + " (partial) implemented in its scope");
    }
    Severity s = severity(score);
    if (s == Severity.CRITICAL && clickToLeak(t, g, target)) {
      s = Severity.HIGH;
      steps.add("at most high: it renders no images or html, so leaking data needs a click");
    }
    if (s == Severity.CRITICAL && answersOnly(t, g, target)) {
      s = Severity.HIGH;
      steps.add(
          fetchesAnswer(g, target)
              ? "at most high: the model has no tools and no memory, so an injection acts through"
                  + " its answer alone; an application that renders that answer with images or html"
                  + " fetches what it names, which can send the conversation to the attacker (see"
                  + " improper-output-handling there)"
              : "at most high: the model has no tools and no memory, so an injection changes only"
                  + " its answer");
    }
    if (s == Severity.CRITICAL && plainWritesOnly(t, g, target, f)) {
      s = Severity.HIGH;
      steps.add(
          "at most high: every tool it calls without approval only writes records (none sends"
              + " out, runs code, moves money or deletes), so a steered call changes records a"
              + " person reads before anything leaves or is paid");
    }
    if (conditional && s == Severity.CRITICAL) {
      s = Severity.HIGH;
      steps.add("at most high while it is conditional: answer the open question first");
    }
    steps.add("= " + s.id());
    return s;
  }

  /**
   * Threats that need no attacker: a model's wrong answer is as likely whoever can reach it, so
   * reach lowers its likelihood to medium at most (a wrong dose in a summary only staff read is
   * still a wrong dose; an unreviewed deactivation only the team's job reaches still cuts off the
   * courier it acts on).
   */
  private static final Set<String> WITHOUT_ATTACKER =
      Set.of(
          "llm-misinformation",
          "discriminatory-decisions",
          "unreviewed-decision-stake",
          // a wrong action nobody checks (a courier deactivated, a brake not applied) lands on the
          // people it acts on without any attacker, however few can reach the model
          "unreviewed-actuation");

  /**
   * Words of a system whose wrong automatic action harms people outside the team: an injury (a
   * person the detector misses) or a livelihood (an account of someone paid through the platform
   * shut off). Said of the workflow's system and description or the target's own description.
   */
  private static final java.util.regex.Pattern PEOPLE_HARM =
      java.util.regex.Pattern.compile(
          "\\b(injur\\w*|crush\\w*|fatal\\w*|life[- ]threatening|pedestrians?|collisions?"
              + "|livelihoods?|main income|deactivat\\w*|unpaid)\\b",
          java.util.regex.Pattern.CASE_INSENSITIVE);

  /** The threats whose unreviewed action (or the loss of it) is rated by the harm it does. */
  private static final Set<String> ACTS_ON_PEOPLE =
      Set.of("unreviewed-actuation", "insider-sensor-denial");

  /**
   * For a threat whose effect is a model's action nobody reviews: the first word of the workflow
   * (system, description, the target's description) that says a wrong action injures people or
   * takes away their income; empty when none does.
   */
  private static String harmToPeople(Threat t, WorkflowGraph g, String target) {
    if (!ACTS_ON_PEOPLE.contains(t.id())) return "";
    int v = g.indexOf(target);
    if (v < 0) return "";
    for (String s :
        new String[] {
          g.workflow().system(), g.workflow().description(), g.component(v).description()
        }) {
      if (s == null) continue;
      java.util.regex.Matcher m = PEOPLE_HARM.matcher(s);
      if (m.find()) return "\"" + m.group().toLowerCase(java.util.Locale.ROOT) + "\"";
    }
    return "";
  }

  /**
   * Threats whose adversary is the party that runs the target and receives all it is sent (a model
   * provider): the data reaches it by design, so who can send requests does not make the exposure
   * likelier; that party is one organisation under contract, so likelihood is medium at most.
   */
  private static final Set<String> RECEIVER_ATTACKER = Set.of("third-party-model-data-exposure");

  /**
   * A credential an agent tool holds is rated once on that tool: where outsiders steer the agent
   * and the tool acts unapproved with what its credential grants ({@code agent-credential-action}'s
   * condition), that finding rates the credential, and the tool's own poisoning rates what its
   * words do to the model, without the credential's step a second time.
   */
  @SuppressWarnings("unchecked")
  private static boolean credentialRatedBySteering(
      Threat t, WorkflowGraph g, String target, Map<String, Object> f) {
    int v = g.indexOf(target);
    if (v < 0 || !t.id().equals("tool-poisoning") || g.kind(v) != ComponentKind.AGENT_TOOL)
      return false;
    List<String> grants = (List<String>) f.getOrDefault("tool_grants", List.of());
    List<String> steered = (List<String>) f.getOrDefault("steered_by", List.of());
    return !grants.isEmpty()
        && !g.component(v).bool("requires-approval").orElse(false)
        && steered.stream().anyMatch(s -> !s.equals("prompt:internal"));
  }

  /**
   * Threats whose attacker already has code on a host (an implant) and whose question is how it
   * gets out: not who can reach the host by request, so likelihood is medium, not low.
   */
  private static final Set<String> FOOTHOLD_ATTACKER = Set.of("ai-api-covert-channel");

  /**
   * Threats whose attacker is anyone among those who already reach the target: a key in a
   * repository every engineer reads, a tool identity wider than the users who ask through it. "Only
   * the team can reach it" names the attackers, so it lowers their likelihood to medium at most.
   */
  private static final Set<String> INSIDER_ATTACKER =
      Set.of(
          "secrets-in-notebooks",
          "over-privileged-tool-identity",
          "insider-evasion",
          "insider-sensor-denial",
          "insider-baseline-poisoning");

  /**
   * What contributes to a path at one of its components: the component itself and, for a model, the
   * agent tools whose output enters its context.
   */
  private static int[] contributors(WorkflowGraph g, int w) {
    if (g.kind(w) != ComponentKind.LLM) return new int[] {w};
    int[] tools = g.toolsFeeding(w);
    int[] out = java.util.Arrays.copyOf(tools, tools.length + 1);
    out[tools.length] = w;
    return out;
  }

  /**
   * The widest reach of a component's own stated influences inside a path (a data source partners
   * write, a tool an unpinned upstream supplies); null for a component that brings none. Exposure
   * does not count here: an application on the way is passed through, not entered.
   */
  private static Influence.Reach supplyReach(Component c) {
    if (c.kind() == ComponentKind.ACTOR) return null;
    Influence.Reach best = null;
    for (String tag : Influence.stated(c)) {
      Influence.Reach r = Influence.of(tag).orElseThrow().reach();
      if (best == null || r.ordinal() < best.ordinal()) best = r;
    }
    return best;
  }

  /**
   * Threats whose attack is an exploit of a bug in native parsing code (a media decoder, a model
   * file parser) rather than an input the model is built to take: the attacker needs a working
   * memory-corruption exploit for the version that runs, so likelihood is one step lower. A
   * critical needs more than a parser that outsiders' files reach (a scanner verdict, or a critical
   * impact).
   */
  private static final Set<String> NEEDS_PARSER_BUG =
      Set.of("malicious-media-decoder", "model-parser-exploit");

  /**
   * Rendered model output on an application whose stated renders include neither images nor html:
   * nothing fetches a URL by itself, so the data leaves only when a person clicks a link. The sink
   * of an injection chain is then at most high; the source (the injection) keeps its own rating.
   */
  private static boolean clickToLeak(Threat t, WorkflowGraph g, String target) {
    int v = g.indexOf(target);
    if (v < 0 || !t.id().equals("improper-output-handling")) return false;
    List<String> renders = g.component(v).texts("renders");
    return !renders.isEmpty() && !renders.contains("images") && !renders.contains("html");
  }

  /**
   * An injection into a language model with no tools and no memory: the injected text can change
   * only the answer being written (a debtor's reply steers that debtor's letter), it acts on
   * nothing and persists nowhere. What the answer then does (rendered, executed, sent on) is rated
   * by the output-handling findings, so the injection itself is at most high.
   */
  /** An application the model answers renders images or html: its answer can fetch a URL. */
  private static boolean fetchesAnswer(WorkflowGraph g, String target) {
    int v = g.indexOf(target);
    if (v < 0) return false;
    for (int w : g.successors(v)) {
      if (g.kind(w) != ComponentKind.APPLICATION) continue;
      List<String> renders = g.component(w).texts("renders");
      if (renders.contains("images") || renders.contains("html")) return true;
    }
    return false;
  }

  /**
   * An injection or agent threat on a language model without memory whose tools that act without
   * approval (at least one) only write: no such tool sends out or runs code, and none of their
   * words says it moves money, redirects payments, deletes or moves physical things ({@link
   * ToolHarm}). Whatever moves money or leaves goes through a person who approves each call.
   */
  @SuppressWarnings("unchecked")
  private static boolean plainWritesOnly(
      Threat t, WorkflowGraph g, String target, Map<String, Object> f) {
    int v = g.indexOf(target);
    if (v < 0
        || !(t.family().equals("prompt-injection") || t.family().equals("excessive-agency"))
        || g.kind(v) != ComponentKind.LLM
        || g.component(v).bool("memory").orElse(true)) return false;
    List<String> approved = (List<String>) f.getOrDefault("approved_tools", List.of());
    boolean any = false;
    for (int s : g.toolsOf(v)) {
      Component tool = g.component(s);
      if (approved.contains(tool.id())) continue;
      List<String> effects = tool.texts("effects");
      if (effects.isEmpty() || !List.of("read-only", "writes").containsAll(effects)) return false;
      if (ToolHarm.of(tool, effects).isPresent()) return false;
      any |= effects.contains("writes");
    }
    return any;
  }

  private static boolean answersOnly(Threat t, WorkflowGraph g, String target) {
    int v = g.indexOf(target);
    if (v < 0 || !t.family().equals("prompt-injection") || g.kind(v) != ComponentKind.LLM)
      return false;
    return g.toolsOf(v).length == 0 && !g.component(v).bool("memory").orElse(true);
  }

  /**
   * Why the artifact a supply-chain threat targets is vouched for, or empty: it is pinned by digest
   * (a pretrained model, package or tool), or it is a registry that signs what it holds. A pin or a
   * signature rules out a later swap, not a flaw in the version that was checked.
   */
  private static String vouchedFor(Threat t, WorkflowGraph g, String target) {
    int v = g.indexOf(target);
    if (v < 0 || !t.family().equals("supply-chain")) return "";
    Component c = g.component(v);
    if (c.kind() == ComponentKind.MODEL_REGISTRY)
      return c.bool("signed").orElse(false) ? "signed registry" : "";
    return c.kind().external() && c.bool("pinned").orElse(false) ? "pinned by digest" : "";
  }

  /**
   * Why a file that runs code on load can be planted in the registry only by its own few writers,
   * or empty: the threat is a model file's (its path starts at an artifact), the target is a model
   * registry whose access is stated {@code restricted}, and only the team reaches it. A pickle on a
   * share the whole department writes is an insider's door; the same file in a registry only its
   * owners write is a hardening item, one step lower (a signature, which rules out a swap even by
   * those writers, is one more).
   */
  private static String restrictedWriters(
      Threat t, WorkflowGraph g, String target, int likelihood) {
    int v = g.indexOf(target);
    if (v < 0 || likelihood > 0 || !t.path().equals("artifact")) return "";
    Component c = g.component(v);
    if (c.kind() != ComponentKind.MODEL_REGISTRY) return "";
    return c.text("access").orElse("").equals("restricted")
        ? "its access is restricted: only the registry's own writers can plant a file"
        : "";
  }

  private static String reachWords(Influence.Reach r) {
    return switch (r) {
      case ACCOUNTS -> "outsiders with an account";
      case PARTNER -> "a partner";
      default -> r.id();
    };
  }

  /** The reach of a target from its effective exposure. */
  private static Influence.Reach reach(String exposure) {
    return switch (exposure) {
      case "public" -> Influence.Reach.ACCOUNTS;
        // someone holds every copy of an on-device model: a customer, not the internet at large
      case "partner", "on-device" -> Influence.Reach.PARTNER;
      default -> Influence.Reach.TEAM;
    };
  }

  /** The widest reach of the entry of a path: its own influences, or its exposure. */
  private static Influence.Reach entryReach(Component c) {
    Influence.Reach best = null;
    for (String tag : Influence.stated(c)) {
      Influence.Reach r = Influence.of(tag).orElseThrow().reach();
      if (best == null || r.ordinal() < best.ordinal()) best = r;
    }
    if (best == null && c.kind() != ComponentKind.ACTOR) {
      String exposure = c.text("exposure").orElse("");
      if (exposure.equals("public"))
        best =
            c.text("authentication").orElse("none").equals("none")
                ? Influence.Reach.ANYONE
                : Influence.Reach.ACCOUNTS;
    }
    return best;
  }

  private static String wider(String a, String b) {
    List<String> order = List.of("public", "partner", "on-device", "internal", "none");
    int ia = order.indexOf(a);
    int ib = order.indexOf(b);
    if (ia < 0) return b;
    if (ib < 0) return a;
    return order.get(Math.min(ia, ib));
  }
}
