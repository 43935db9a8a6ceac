package dev.mlsec.report;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Claim;
import dev.mlsec.analysis.ConcernMatch;
import dev.mlsec.analysis.ControlWarning;
import dev.mlsec.analysis.Finding;
import dev.mlsec.analysis.FindingStatus;
import dev.mlsec.analysis.Mitigation;
import dev.mlsec.analysis.OpenQuestion;
import dev.mlsec.analysis.Variant;
import dev.mlsec.catalog.Catalog;
import dev.mlsec.catalog.ControlDef;
import dev.mlsec.catalog.Family;
import dev.mlsec.catalog.Placement;
import dev.mlsec.catalog.References;
import dev.mlsec.catalog.Severity;
import dev.mlsec.catalog.Threat;
import dev.mlsec.catalog.ThreatClass;
import dev.mlsec.model.Asset;
import dev.mlsec.model.AssetKind;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Concern;
import dev.mlsec.model.Control;
import dev.mlsec.model.ControlStatus;
import dev.mlsec.model.Decision;
import dev.mlsec.model.DecisionStatus;
import dev.mlsec.model.Flow;
import dev.mlsec.model.Position;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.Zone;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Analyses built by hand, so that report tests do not depend on the engine. */
public final class Fixtures {
  private Fixtures() {}

  static final String FILE = "card-fraud.yaml";

  /** Injection attempts for every free-text field a workflow or a user catalog can carry. */
  public static final String[] PAYLOADS = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "'><svg onload=alert(3)>",
    "[click](javascript:alert(4)) ![x](https://evil.example/x.png) <!-- ",
    "</details></summary><b>bold</b> | --- | @everyone `code` *em* _u_ # head",
    "\u001b[31mred\u001b[0m \u0007 \u202e",
  };

  public static Analysis small() {
    return build(UnaryOperator.identity(), "Card fraud scoring");
  }

  /** The same analysis with every free-text field carrying injection payloads. */
  public static Analysis hostile() {
    int[] i = {0};
    UnaryOperator<String> evil = s -> s + " " + PAYLOADS[i[0]++ % PAYLOADS.length];
    return build(evil, "Fraud <script>alert('system')</script>\"><img src=x onerror=alert(9)>");
  }

  private static Position at(int line, int column) {
    return new Position(FILE, line, column);
  }

  private static References refs(String atlas, String ml, String llm, String nist, String eu) {
    return new References(
        atlas.isEmpty() ? List.of() : List.of(atlas.split(",")),
        ml.isEmpty() ? List.of() : List.of(ml.split(",")),
        llm.isEmpty() ? List.of() : List.of(llm.split(",")),
        nist.isEmpty() ? List.of() : List.of(nist.split(",")),
        eu.isEmpty() ? List.of() : List.of(eu.split(",")));
  }

  private static Component component(
      String id, ComponentKind kind, String name, String description, int line, Object... attrs) {
    Map<String, Value> values = new LinkedHashMap<>();
    for (String a : kind.attributes().keySet()) values.put(a, Value.UNKNOWN);
    for (int k = 0; k < attrs.length; k += 2) {
      Object v = attrs[k + 1];
      values.put(
          (String) attrs[k],
          v instanceof Boolean b
              ? new Value.Bool(b)
              : v instanceof List<?> l
                  ? new Value.Texts(l.stream().map(Object::toString).toList())
                  : new Value.Text(v.toString()));
    }
    List<String> contains = new ArrayList<>();
    return new Component(id, kind, name, description, contains, values, at(line, 3), Map.of());
  }

  private static Threat threat(
      String id,
      String title,
      ThreatClass c,
      String family,
      Severity impact,
      String summary,
      References r) {
    return new Threat(
        id,
        title,
        c,
        family,
        "inference",
        List.of(),
        "true",
        List.of(),
        "none",
        impact,
        summary,
        "detail of " + id,
        "query access",
        "loss",
        "first step for " + id,
        "when it does not apply",
        List.of(id.replace('-', ' ')),
        r,
        Position.NONE);
  }

  private static Analysis build(UnaryOperator<String> t, String system) {
    References extraction = refs("AML.T0024.002", "ML05:2023", "", "NISTAML.031", "Art. 15(5)");
    References evasion = refs("AML.T0015,AML.T0043", "ML01:2023", "", "NISTAML.022", "Art. 15(5)");
    References poisoning =
        refs("AML.T0020", "ML02:2023", "", "NISTAML.013", "Art. 15(4),Art. 15(5)");
    References deser =
        refs("AML.T0011.000,AML.T0010.003", "ML06:2023", "LLM03:2025", "", "Art. 15(5)");
    References pretrained =
        refs(
            "AML.T0010.003,AML.T0018",
            "ML06:2023,ML10:2023",
            "LLM03:2025",
            "NISTAML.051",
            "Art. 15(5)");
    References transport = refs("", "", "", "", "Art. 15(5)");
    Catalog catalog =
        new Catalog(
            "2026.1-test",
            List.of(
                new Family("evasion", "Evasion", "Inputs crafted to be misclassified"),
                new Family(
                    "data-poisoning", "Data poisoning", "Training data changed by an attacker")),
            List.of(
                threat(
                    "data-poisoning",
                    t.apply("Poisoning of training data"),
                    ThreatClass.ML_SPECIFIC,
                    "data-poisoning",
                    Severity.HIGH,
                    t.apply("Someone who can change training data changes what the model learns."),
                    poisoning),
                threat(
                    "evasion",
                    t.apply("Evasion with adversarial examples"),
                    ThreatClass.ML_SPECIFIC,
                    "evasion",
                    Severity.MEDIUM,
                    "Crafted inputs slip past the model.",
                    evasion),
                threat(
                    "model-extraction",
                    "Model extraction through the prediction API",
                    ThreatClass.ML_SPECIFIC,
                    "model-extraction",
                    Severity.MEDIUM,
                    "Enough queries rebuild the model.",
                    extraction),
                threat(
                    "unsafe-deserialization",
                    "Code execution when a model file is loaded",
                    ThreatClass.ML_AMPLIFIED,
                    "supply-chain",
                    Severity.CRITICAL,
                    "Pickle-based model files run code on load.",
                    deser),
                threat(
                    "poisoned-pretrained-model",
                    "Poisoned pretrained model",
                    ThreatClass.ML_AMPLIFIED,
                    "backdoor",
                    Severity.HIGH,
                    "A public model may carry a backdoor.",
                    pretrained),
                threat(
                    "plaintext-transport",
                    "Data crosses a boundary unencrypted",
                    ThreatClass.CONVENTIONAL,
                    "transport",
                    Severity.MEDIUM,
                    "Anyone on the path reads or changes it.",
                    transport)),
            List.of(
                new ControlDef(
                    "tls",
                    "TLS",
                    "Encrypts data in transit",
                    List.of("plaintext-transport"),
                    List.of(),
                    List.of(
                        new ControlDef.Misbelief(
                            "evasion", "TLS protects the channel, not the model.")),
                    Placement.PATH,
                    Position.NONE,
                    List.of()),
                new ControlDef(
                    "rate-limiting",
                    "Rate limiting",
                    "Limits queries per caller",
                    List.of(),
                    List.of("model-extraction"),
                    List.of(),
                    Placement.PATH,
                    Position.NONE,
                    List.of()),
                new ControlDef(
                    "encryption-at-rest",
                    "Encryption at rest",
                    "Encrypts stored data",
                    List.of(),
                    List.of(),
                    List.of(),
                    Placement.PATH,
                    Position.NONE,
                    List.of())));

    Map<String, Component> components = new LinkedHashMap<>();
    for (Component c :
        List.of(
            component(
                "merchants",
                ComponentKind.ACTOR,
                t.apply("Merchants"),
                t.apply("Card-accepting partners"),
                14,
                "trust",
                "partner"),
            component(
                "transactions",
                ComponentKind.DATA_SOURCE,
                "Transactions",
                "",
                17,
                "provenance",
                List.of("first-party")),
            component(
                "hub-model",
                ComponentKind.PRETRAINED_MODEL,
                t.apply("Hub base model"),
                "",
                20,
                "source",
                "public-hub",
                "artifact-format",
                "pytorch",
                "pinned",
                false),
            component(
                "lake",
                ComponentKind.DATA_STORE,
                "Data lake",
                t.apply("All transactions since 2019"),
                24,
                "stores",
                List.of("training-set"),
                "encrypted-at-rest",
                true),
            component(
                "weekly-training",
                ComponentKind.TRAINING,
                "Weekly training",
                "",
                30,
                "method",
                "fine-tune",
                "framework",
                t.apply("xgboost")),
            component(
                "registry",
                ComponentKind.MODEL_REGISTRY,
                "Model registry",
                "",
                34,
                "artifact-format",
                "pickle"),
            component(
                "scoring-api",
                ComponentKind.SERVING,
                t.apply("Scoring API"),
                "",
                39,
                "exposure",
                "partner",
                "authentication",
                "api-key",
                "rate-limit",
                "none",
                "outputs",
                List.of("score")),
            component(
                "drift",
                ComponentKind.MONITORING,
                "Drift monitor",
                "",
                46,
                "watches",
                List.of("drift")))) {
      components.put(c.id(), c);
    }
    List<Flow> flows =
        List.of(
            flow("transactions", "lake", false, 51),
            flow("lake", "weekly-training", false, 52),
            flow("hub-model", "weekly-training", false, 53),
            flow("weekly-training", "registry", false, 54),
            flow("registry", "scoring-api", false, 55),
            flow("merchants", "scoring-api", true, 56),
            flow("scoring-api", "lake", false, 57),
            flow("scoring-api", "drift", false, 58));
    Decision accepted =
        new Decision(
            "model-extraction@scoring-api",
            DecisionStatus.ACCEPTED,
            t.apply("partners are bound by contract"),
            Optional.of(LocalDate.of(2027, 6, 30)),
            at(80, 5));
    Decision expired =
        new Decision(
            "poisoned-pretrained-model@hub-model",
            DecisionStatus.IN_PROGRESS,
            t.apply("switching to an internal mirror"),
            Optional.of(LocalDate.of(2025, 1, 31)),
            at(84, 5));
    Map<String, Asset> assets = new LinkedHashMap<>();
    assets.put(
        "cardholder-data",
        new Asset("cardholder-data", AssetKind.DATA, "personal", "", "", "", at(8, 3)));
    assets.put(
        "fraud-model",
        new Asset(
            "fraud-model", AssetKind.MODEL, "", "high", "", t.apply("The fraud model"), at(9, 3)));
    Workflow workflow =
        new Workflow(
            Path.of(FILE),
            FILE,
            1,
            system,
            t.apply("Scores card transactions in real time."),
            "risk-ml",
            assets,
            components,
            flows,
            Map.of("partners", new Zone("partners", List.of("merchants"), at(60, 3))),
            List.of(
                new Control(
                    "tls",
                    List.of("scoring-api"),
                    ControlStatus.IMPLEMENTED,
                    List.of("evasion"),
                    "",
                    at(63, 5)),
                new Control(
                    "encryption-at-rest",
                    List.of("lake"),
                    ControlStatus.IMPLEMENTED,
                    List.of("data-poisoning"),
                    "",
                    at(66, 5)),
                new Control(
                    "rate-limiting",
                    List.of("scoring-api"),
                    ControlStatus.PLANNED,
                    List.of("model-extraction"),
                    "",
                    at(69, 5))),
            List.of(
                new Concern(t.apply("a breach of cardholder data"), at(74, 5)),
                new Concern(t.apply("fraudsters learning to slip under the score"), at(75, 5))),
            List.of(accepted, expired));

    List<Finding> findings =
        List.of(
            finding(
                "data-poisoning@weekly-training",
                "data-poisoning",
                t.apply("Poisoning of training data"),
                ThreatClass.ML_SPECIFIC,
                Optional.of("weekly-training"),
                Optional.empty(),
                Severity.HIGH,
                FindingStatus.OPEN,
                List.of(
                    t.apply(
                        "partner-submitted transactions reach weekly-training through the scoring log"),
                    "lake is not versioned, so a poisoned batch cannot be rolled back"),
                List.of("merchants", "scoring-api", "lake", "weekly-training"),
                List.of(),
                List.of(new Mitigation("input-validation", "missing", "partial")),
                poisoning,
                Optional.empty(),
                at(30, 3),
                List.of()),
            finding(
                "evasion@scoring-api",
                "evasion",
                t.apply("Evasion with adversarial examples"),
                ThreatClass.ML_SPECIFIC,
                Optional.of("scoring-api"),
                Optional.empty(),
                Severity.MEDIUM,
                FindingStatus.OPEN,
                List.of(
                    "scoring-api returns a score to partner callers",
                    "no evaluation tests adversarial inputs"),
                List.of("merchants", "scoring-api"),
                List.of(),
                List.of(),
                evasion,
                Optional.empty(),
                at(39, 3),
                List.of()),
            finding(
                "model-extraction@scoring-api",
                "model-extraction",
                "Model extraction through the prediction API",
                ThreatClass.ML_SPECIFIC,
                Optional.of("scoring-api"),
                Optional.empty(),
                Severity.HIGH,
                FindingStatus.ACCEPTED,
                List.of(
                    "scoring-api answers queries from partner callers",
                    "scoring-api has no rate limit"),
                List.of("merchants", "scoring-api"),
                List.of(),
                List.of(new Mitigation("rate-limiting", "planned", "partial")),
                extraction,
                Optional.of(accepted),
                at(39, 3),
                List.of()),
            finding(
                "unsafe-deserialization@registry",
                "unsafe-deserialization",
                "Code execution when a model file is loaded",
                ThreatClass.ML_AMPLIFIED,
                Optional.of("registry"),
                Optional.empty(),
                Severity.CRITICAL,
                FindingStatus.CONDITIONAL,
                List.of("registry stores pickle artifacts", "scoring-api loads them"),
                List.of("registry", "scoring-api"),
                List.of("registry.signed"),
                List.of(),
                deser,
                Optional.empty(),
                at(34, 3),
                List.of()),
            finding(
                "poisoned-pretrained-model@hub-model",
                "poisoned-pretrained-model",
                "Poisoned pretrained model",
                ThreatClass.ML_AMPLIFIED,
                Optional.of("hub-model"),
                Optional.empty(),
                Severity.HIGH,
                FindingStatus.OPEN,
                List.of("hub-model comes from a public hub", "hub-model is not pinned by digest"),
                List.of("hub-model", "weekly-training", "registry", "scoring-api"),
                List.of(),
                List.of(),
                pretrained,
                Optional.empty(),
                at(20, 3),
                List.of()),
            finding(
                "plaintext-transport@registry->scoring-api",
                "plaintext-transport",
                "Data crosses a boundary unencrypted",
                ThreatClass.CONVENTIONAL,
                Optional.empty(),
                Optional.of("registry->scoring-api"),
                Severity.LOW,
                FindingStatus.OPEN,
                List.of("the flow registry -> scoring-api does not say it is encrypted"),
                List.of("registry", "scoring-api"),
                List.of(),
                List.of(new Mitigation("tls", "missing", "full")),
                transport,
                Optional.empty(),
                at(55, 5),
                List.of()));
    List<Claim> claims =
        List.of(
            new Claim(
                "tls",
                "scoring-api",
                "evasion",
                false,
                "does-not-hold",
                t.apply(
                    "TLS protects the channel, not the model: an adversarial example arrives through the legitimate API."),
                at(63, 5)),
            new Claim(
                "encryption-at-rest",
                "lake",
                "data-poisoning",
                false,
                "does-not-hold",
                "Encryption at rest keeps stored data secret; poisoned records are written through the normal path and encrypted like any other.",
                at(66, 5)),
            new Claim(
                "rate-limiting",
                "scoring-api",
                "model-extraction",
                false,
                "partly",
                "A rate limit slows extraction but a patient attacker stays under it.",
                at(69, 5)),
            new Claim(
                t.apply("custom:waf"),
                "scoring-api",
                "evasion",
                false,
                "unverified",
                "custom controls have no catalog entry",
                at(71, 5)));
    List<ConcernMatch> concerns =
        List.of(
            new ConcernMatch(
                t.apply("a breach of cardholder data"), List.of(), List.of(), at(74, 5)),
            new ConcernMatch(
                t.apply("fraudsters learning to slip under the score"),
                List.of("evasion"),
                List.of("evasion@scoring-api"),
                at(75, 5)));
    List<OpenQuestion> questions =
        List.of(
            new OpenQuestion(
                "registry.signed",
                t.apply(
                    "Are the models in registry signed, and is the signature checked before loading?"),
                List.of("unsafe-deserialization@registry"),
                at(34, 3)));
    return new Analysis(
        workflow,
        catalog,
        findings,
        claims,
        concerns,
        List.of(
            "data-poisoning",
            "model-extraction",
            "unsafe-deserialization",
            "poisoned-pretrained-model",
            "plaintext-transport"),
        questions,
        List.of(
            new ControlWarning(
                "encryption-at-rest",
                "scoring-api",
                "encryption-at-rest on scoring-api covers nothing here: the threats it mitigates are"
                    + " not about a serving and no finding they raise has scoring-api in its scope",
                at(60, 5))));
  }

  /**
   * A finding on one target; the poisoning finding also stands for a second training job, as
   * grouping by root cause makes it.
   */
  private static Finding finding(
      String id,
      String threat,
      String title,
      ThreatClass threatClass,
      Optional<String> component,
      Optional<String> flow,
      Severity severity,
      FindingStatus status,
      List<String> why,
      List<String> path,
      List<String> dependsOn,
      List<Mitigation> mitigations,
      References refs,
      Optional<Decision> decision,
      Position location,
      List<String> severitySteps) {
    String target = component.orElseGet(() -> flow.orElse(""));
    boolean grouped = id.equals("data-poisoning@weekly-training");
    return new Finding(
        id,
        threat,
        title,
        threatClass,
        component,
        flow,
        severity,
        status,
        why,
        path,
        dependsOn,
        mitigations,
        refs,
        decision,
        location,
        severitySteps,
        grouped ? List.of(target, "backfill-training") : List.of(target),
        grouped
            ? List.of("data-poisoning@backfill-training", "sybil-poisoning@weekly-training")
            : List.of(),
        grouped
            ? List.of(
                new Variant(
                    threat, id, title, severity, refs, List.of(target, "backfill-training"), path),
                new Variant(
                    "sybil-poisoning",
                    "sybil-poisoning@weekly-training",
                    "Poisoning through many fake accounts",
                    Severity.MEDIUM,
                    refs,
                    List.of(target),
                    path))
            : List.of());
  }

  private static Flow flow(String from, String to, boolean both, int line) {
    return new Flow(from, to, both, List.of(), Optional.empty(), Optional.empty(), at(line, 5));
  }

  /**
   * A large workflow: {@code pipelines} chains of ten components (source, labeling, store,
   * preprocessing, training, evaluation, registry, serving, actor, monitoring), each store also
   * feeding the next chain's training, with four findings per chain.
   */
  public static Analysis synthetic(int pipelines) {
    Analysis base = small();
    Map<String, Component> components = new LinkedHashMap<>();
    List<Flow> flows = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    int line = 10;
    for (int p = 0; p < pipelines; p++) {
      String n = "-" + p;
      Object[][] parts = {
        {"source" + n, ComponentKind.DATA_SOURCE},
        {"labels" + n, ComponentKind.LABELING},
        {"store" + n, ComponentKind.DATA_STORE},
        {"prep" + n, ComponentKind.PREPROCESSING},
        {"train" + n, ComponentKind.TRAINING},
        {"eval" + n, ComponentKind.EVALUATION},
        {"registry" + n, ComponentKind.MODEL_REGISTRY},
        {"api" + n, ComponentKind.SERVING},
        {"users" + n, ComponentKind.ACTOR},
        {"monitor" + n, ComponentKind.MONITORING},
      };
      for (Object[] part : parts) {
        String id = (String) part[0];
        components.put(
            id, component(id, (ComponentKind) part[1], "Component " + id, "", line += 3));
      }
      String[][] links = {
        {"source", "store"}, {"labels", "store"}, {"store", "prep"}, {"prep", "train"},
        {"train", "eval"}, {"eval", "registry"}, {"registry", "api"}, {"api", "monitor"}
      };
      for (String[] l : links) flows.add(flow(l[0] + n, l[1] + n, false, line++));
      flows.add(flow("users" + n, "api" + n, true, line++));
      if (p + 1 < pipelines) flows.add(flow("store" + n, "train-" + (p + 1), false, line++));
      for (Finding f : base.findings()) {
        String target =
            switch (f.threat()) {
              case "data-poisoning" -> "train" + n;
              case "model-extraction", "evasion" -> "api" + n;
              case "unsafe-deserialization" -> "registry" + n;
              default -> null;
            };
        if (target == null) continue;
        findings.add(
            finding(
                f.threat() + "@" + target,
                f.threat(),
                f.title(),
                f.threatClass(),
                Optional.of(target),
                Optional.empty(),
                f.severity(),
                f.status(),
                f.why(),
                List.of("users" + n, "api" + n),
                f.dependsOn(),
                f.mitigations(),
                f.refs(),
                Optional.empty(),
                at(line, 3),
                List.of()));
      }
    }
    Workflow w = base.workflow();
    Workflow big =
        new Workflow(
            w.source(),
            w.displayName(),
            1,
            "Synthetic " + components.size(),
            "",
            "",
            Map.of(),
            components,
            flows,
            Map.of(),
            List.of(),
            List.of(),
            List.of());
    findings.sort(
        java.util.Comparator.comparing((Finding f) -> f.threatClass().ordinal())
            .thenComparing(f -> f.severity().ordinal())
            .thenComparing(Finding::id));
    return new Analysis(
        big, base.catalog(), findings, List.of(), List.of(), List.of(), List.of(), List.of());
  }
}
