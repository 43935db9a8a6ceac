package dev.mlsec.analysis.fact;

import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every influence tag a component can contribute, in one table: who can write through it (its
 * reach), whether it is data or software / model supply, and how it ranks as the entry of an attack
 * (lower is less trusted). Facts, paths and severity all read this table; no other class spells a
 * tag's meaning (docs/analysis.md, "Influence and authority").
 */
public enum Influence {
  ACTOR_ANONYMOUS("actor:anonymous", Channel.DATA, Reach.ANYONE, 0),
  ACTOR_SELF_REGISTRATION("actor:self-registration", Channel.DATA, Reach.ANYONE, 0),
  ACTOR_AUTHENTICATED("actor:authenticated", Channel.DATA, Reach.ACCOUNTS, 2),
  ACTOR_PARTNER("actor:partner", Channel.DATA, Reach.PARTNER, 3),
  ACTOR_INTERNAL("actor:internal", Channel.DATA, Reach.TEAM, 5),
  PROVENANCE_PUBLIC_WEB("provenance:public-web", Channel.DATA, Reach.ANYONE, 0),
  PROVENANCE_USER_GENERATED("provenance:user-generated", Channel.DATA, Reach.ANYONE, 1),
  PROVENANCE_CROWDSOURCED("provenance:crowdsourced", Channel.DATA, Reach.ANYONE, 1),
  PROVENANCE_THIRD_PARTY("provenance:third-party", Channel.DATA, Reach.PARTNER, 3),
  /** The physical world in front of a sensor: anyone can stand there, nobody can write files. */
  PROVENANCE_SENSOR("provenance:sensor", Channel.PHYSICAL, Reach.ANYONE, 4),
  PROVENANCE_FIRST_PARTY("provenance:first-party", Channel.DATA, Reach.TEAM, 5),
  WORKFORCE_CROWD("workforce:crowd", Channel.DATA, Reach.ANYONE, 1),
  WORKFORCE_USER_FEEDBACK("workforce:user-feedback", Channel.DATA, Reach.ACCOUNTS, 2),
  WORKFORCE_VENDOR("workforce:vendor", Channel.DATA, Reach.PARTNER, 3),
  WORKFORCE_IN_HOUSE("workforce:in-house", Channel.DATA, Reach.TEAM, 5),
  WORKFORCE_AUTOMATIC("workforce:automatic", Channel.DATA, Reach.TEAM, 5),
  FEEDBACK("feedback", Channel.DATA, Reach.ACCOUNTS, 2),
  RETRIEVAL_PUBLIC_WEB("retrieval:public-web", Channel.DATA, Reach.ANYONE, 0),
  RETRIEVAL_USER_GENERATED("retrieval:user-generated", Channel.DATA, Reach.ANYONE, 1),
  RETRIEVAL_EXTERNAL_EMAIL("retrieval:external-email", Channel.DATA, Reach.ANYONE, 1),
  RETRIEVAL_THIRD_PARTY("retrieval:third-party", Channel.DATA, Reach.PARTNER, 3),
  RETRIEVAL_FIRST_PARTY("retrieval:first-party", Channel.DATA, Reach.TEAM, 5),
  /** Anyone can publish on a public hub or index; a vendor or an unpinned upstream is one party. */
  PRETRAINED_PUBLIC_HUB("pretrained:public-hub", Channel.SUPPLY, Reach.ANYONE, 2),
  PRETRAINED_VENDOR("pretrained:vendor", Channel.SUPPLY, Reach.PARTNER, 3),
  PRETRAINED_UNPINNED("pretrained:unpinned", Channel.SUPPLY, Reach.PARTNER, 3),
  PRETRAINED_INTERNAL("pretrained:internal", Channel.SUPPLY, Reach.TEAM, 5),
  DEPENDENCY_PUBLIC("dependency:public", Channel.SUPPLY, Reach.ANYONE, 3),
  DEPENDENCY_UNPINNED("dependency:unpinned", Channel.SUPPLY, Reach.PARTNER, 3),
  DEPENDENCY_INTERNAL_MIRROR("dependency:internal-mirror", Channel.SUPPLY, Reach.TEAM, 5),
  /** Who supplies an agent tool's code and description: a remote server can change both. */
  TOOL_REMOTE_SERVER("tool:remote-server", Channel.SUPPLY, Reach.PARTNER, 3),
  TOOL_THIRD_PARTY("tool:third-party", Channel.SUPPLY, Reach.PARTNER, 3),
  TOOL_FIRST_PARTY("tool:first-party", Channel.SUPPLY, Reach.TEAM, 5),
  /**
   * A tool from outside stated {@code pinned: false}: whoever publishes its next version or runs
   * its server decides what it says and returns, as with an unpinned public package.
   */
  TOOL_UNPINNED("tool:unpinned", Channel.SUPPLY, Reach.ANYONE, 3),
  /** Output of the system flowing back into what it learns from: its users shape it. */
  LOOP("loop", Channel.DATA, Reach.ACCOUNTS, 5);

  /** What an influence changes: the data a model learns from, or the code and models it runs. */
  public enum Channel {
    DATA,
    /** Inputs an outsider shapes physically (a camera's scene): inference, not training files. */
    PHYSICAL,
    SUPPLY
  }

  /**
   * Who can write through an influence, from the widest to the narrowest, and how likely an attack
   * through it is (the likelihood factor of docs/analysis.md, severity: 2, 1 or 0).
   */
  public enum Reach {
    /** Anyone on the internet, no account or an account anyone can create. */
    ANYONE("public", 2),
    /** Outsiders who hold an account the team issued. */
    ACCOUNTS("public", 1),
    /** A named organisation under contract. */
    PARTNER("partner", 1),
    /** The team and its own systems. */
    TEAM("internal", 0);

    final String exposure;
    final int likelihood;

    Reach(String exposure, int likelihood) {
      this.exposure = exposure;
      this.likelihood = likelihood;
    }

    /** The exposure an attack entering here counts with. */
    public String exposure() {
      return exposure;
    }

    public int likelihood() {
      return likelihood;
    }

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /**
   * What a user who prompts a language model reaches beyond their own session and their own data
   * (the fact {@code f.prompter_reach}): subverting a model that reaches none of these harms only
   * the one who subverts it.
   */
  public enum PrompterReach {
    /** A tool it can call writes, communicates outside or runs code: it acts on shared systems. */
    TOOL_EFFECTS,
    /**
     * A tool it can call runs on a credential of its own (held by the tool or the application that
     * calls it), so it reads with that identity, not with the asking user's.
     */
    TOOL_CREDENTIAL,
    /** An index it reads is shared across users or customer organisations. */
    SHARED_INDEX,
    /** Its output is kept as a record that others read and act on later. */
    RECORDS;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** Rank of a tag that is no entry for an attack: the team itself. */
  public static final int TRUSTED_RANK = 5;

  private static final Map<String, Influence> BY_TAG =
      Arrays.stream(values()).collect(Collectors.toMap(i -> i.tag, Function.identity()));

  private final String tag;
  private final Channel channel;
  private final Reach reach;
  private final int rank;

  Influence(String tag, Channel channel, Reach reach, int rank) {
    this.tag = tag;
    this.channel = channel;
    this.reach = reach;
    this.rank = rank;
  }

  public String tag() {
    return tag;
  }

  public Channel channel() {
    return channel;
  }

  public Reach reach() {
    return reach;
  }

  /** Lower is less trusted; {@link #TRUSTED_RANK} and above is the team. */
  public int rank() {
    return rank;
  }

  /** Someone outside the team decides what this influence brings. */
  public boolean untrusted() {
    return reach != Reach.TEAM;
  }

  /** Someone outside the team can send data in through it (not software or model supply). */
  public boolean reaching() {
    return untrusted() && channel == Channel.DATA && this != LOOP;
  }

  /** An untrusted influence on what a model learns: data, not software, physics or models. */
  public boolean untrustedData() {
    return untrusted() && channel == Channel.DATA;
  }

  public static Optional<Influence> of(String tag) {
    return Optional.ofNullable(BY_TAG.get(tag));
  }

  /** Whether a fact tag is an influence tag at all (the others are kinds, methods, …). */
  public static boolean isInfluence(String tag) {
    return BY_TAG.containsKey(tag);
  }

  /**
   * The influence tags a component contributes under one answer to its unknowns: the single place
   * that knows which kind contributes what.
   */
  public static List<String> tagsOf(Component c, Mode mode) {
    return tagsOf(c, mode, false);
  }

  /**
   * The tags under the worst answer, except that an account counts as self-registered only when the
   * file says so: what paths start from and severity is rated on, while the facts keep the worst
   * answer so that the findings it decides are conditional.
   */
  public static List<String> stated(Component c) {
    return tagsOf(c, Mode.WORST, true);
  }

  private static List<String> tagsOf(Component c, Mode mode, boolean statedSignUp) {
    List<String> out = new ArrayList<>();
    switch (c.kind()) {
      case ACTOR -> {
        String trust = Answers.text(c, "trust", mode);
        out.add("actor:" + trust);
        // anyone can sign up: an outsider with an account. Anonymous callers need no account, so
        // for them only a declared `self-registration: true` counts, never the worst answer.
        boolean signUp =
            switch (trust) {
              case "authenticated" ->
                  statedSignUp
                      ? c.bool("self-registration").orElse(false)
                      : Answers.bool(c, "self-registration", mode);
              case "anonymous" -> c.bool("self-registration").orElse(false);
              default -> false;
            };
        if (signUp) out.add(ACTOR_SELF_REGISTRATION.tag);
      }
      case DATA_SOURCE ->
          Answers.texts(c, "provenance", mode).forEach(p -> out.add("provenance:" + p));
      case LABELING -> out.add("workforce:" + Answers.text(c, "workforce", mode));
      case FEEDBACK -> out.add(FEEDBACK.tag);
      case PRETRAINED_MODEL -> {
        out.add("pretrained:" + Answers.text(c, "source", mode));
        if (!Answers.bool(c, "pinned", mode)) out.add(PRETRAINED_UNPINNED.tag);
      }
      case DEPENDENCY -> {
        out.add("dependency:" + Answers.text(c, "index", mode));
        if (!Answers.bool(c, "pinned", mode)) out.add(DEPENDENCY_UNPINNED.tag);
      }
      case RETRIEVAL -> Answers.texts(c, "content", mode).forEach(p -> out.add("retrieval:" + p));
      case AGENT_TOOL -> {
        String source = Answers.text(c, "source", mode);
        out.add("tool:" + source);
        // only a stated pin of false: an unknown pin stays the source's own reach
        if (!source.equals("first-party") && !c.bool("pinned").orElse(true))
          out.add(TOOL_UNPINNED.tag);
      }
      default -> {}
    }
    return out;
  }

  /**
   * Kinds that pass a request on and its answer back (so callers query what lies behind them), as
   * opposed to stores and jobs, where a request ends.
   */
  public static boolean relays(ComponentKind k) {
    return switch (k) {
      case APPLICATION, SERVING, LLM, RETRIEVAL, AGENT_TOOL, THIRD_PARTY_SERVICE -> true;
      default -> false;
    };
  }

  /**
   * Kinds an actor's request travels on through to a model: the relays, and the preprocessing in
   * front of a model, which cleans, checks or converts the request but passes its content on.
   */
  public static boolean forwardsRequests(ComponentKind k) {
    return relays(k) || k == ComponentKind.PREPROCESSING;
  }

  /**
   * Kinds through which records travel on as records (into a prompt, onto a screen). Training,
   * evaluation, registries, models, code, packages and monitors turn data into weights or metrics,
   * or are software: lineage of records ends there.
   */
  public static boolean passesRecords(ComponentKind k) {
    return switch (k) {
      case TRAINING,
              EVALUATION,
              MODEL_REGISTRY,
              PRETRAINED_MODEL,
              DEPENDENCY,
              CODE_REPOSITORY,
              MONITORING ->
          false;
      default -> true;
    };
  }

  /**
   * Kinds through which data travels on into a training job as training data: sources, labeling,
   * stores, preprocessing, feedback and compute jobs. Models, applications and people act on what
   * they read; what they log later is new data, not the store they read.
   */
  public static boolean carriesTrainingData(ComponentKind k) {
    return switch (k) {
      case DATA_SOURCE, LABELING, DATA_STORE, FEATURE_STORE, PREPROCESSING, FEEDBACK, COMPUTE ->
          true;
      default -> false;
    };
  }

  /**
   * Kinds through which what outsiders write travels on as the case a model decides on: sources,
   * preprocessing and stores. Training, labeling and feedback turn it into weights or labels; a
   * relay's request is {@link #forwardsRequests}'s.
   */
  public static boolean carriesCases(ComponentKind k) {
    return switch (k) {
      case DATA_SOURCE, PREPROCESSING, DATA_STORE, FEATURE_STORE -> true;
      default -> false;
    };
  }

  /**
   * Kinds through which what an actor sends or writes goes on as a request, one call per item: a
   * source (a live feed), preprocessing, applications, services and third-party relays. A store, an
   * index or a tool keeps it until someone else asks.
   */
  public static boolean startsCalls(ComponentKind k) {
    return switch (k) {
      case DATA_SOURCE, PREPROCESSING, APPLICATION, SERVING, THIRD_PARTY_SERVICE -> true;
      default -> false;
    };
  }

  /** Kinds that keep a model's output as a record others read later: a store, a vendor's system. */
  public static boolean keepsRecords(ComponentKind k) {
    return k == ComponentKind.DATA_STORE || k == ComponentKind.THIRD_PARTY_SERVICE;
  }

  /** Kinds whose output is a model's answer, the start of a feedback loop. */
  public static boolean answers(ComponentKind k) {
    return k == ComponentKind.SERVING || k == ComponentKind.LLM || k == ComponentKind.APPLICATION;
  }
}
