package dev.mlsec.model.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mlsec.model.Applicability;
import dev.mlsec.model.Asset;
import dev.mlsec.model.AssetKind;
import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.ControlStatus;
import dev.mlsec.model.DecisionStatus;
import dev.mlsec.model.Workflow;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the JSON Schema of format 1 from the same tables the loader uses ({@link ComponentKind},
 * {@link Asset}, the loader's key lists and patterns), so the published schema cannot drift from
 * the loader: {@code SchemaTest} compares the committed file with this output.
 */
final class WorkflowSchema {
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  static final String ID_PATTERN = "^" + WorkflowReader.ID.pattern() + "$";
  static final String ID_TEXT = "[a-z0-9][a-z0-9-]*";

  private static final Map<String, String> KINDS = new LinkedHashMap<>();
  private static final Map<String, String> ATTRIBUTES = new LinkedHashMap<>();

  static {
    KINDS.put("actor", "People or systems that use or feed the workflow.");
    KINDS.put("data-source", "Where raw data originates.");
    KINDS.put("labeling", "Who or what assigns labels.");
    KINDS.put("data-store", "Raw data, training sets, features, embeddings or logs at rest.");
    KINDS.put("preprocessing", "Cleaning, filtering, feature engineering.");
    KINDS.put("feature-store", "Shared feature serving.");
    KINDS.put("pretrained-model", "A model obtained from outside the team.");
    KINDS.put("training", "A training or fine-tuning job.");
    KINDS.put("evaluation", "Offline evaluation and release gates.");
    KINDS.put("model-registry", "Where trained models are stored and promoted.");
    KINDS.put("serving", "An inference endpoint or embedded model.");
    KINDS.put("llm", "A large language model used by the system.");
    KINDS.put("retrieval", "A retrieval index or vector store feeding an LLM.");
    KINDS.put("agent-tool", "A tool an LLM or agent can invoke.");
    KINDS.put("application", "The product code around the model.");
    KINDS.put("monitoring", "Drift, performance, abuse or cost monitoring.");
    KINDS.put("feedback", "Capture of user feedback or outcomes for retraining.");
    KINDS.put("compute", "Notebooks, training clusters, job schedulers.");
    KINDS.put("code-repository", "Source code, notebooks, configuration.");
    KINDS.put("dependency", "Software packages the workflow installs.");
    KINDS.put("third-party-service", "Any other external service.");

    ATTRIBUTES.put("trust", "How far the workflow trusts this actor.");
    ATTRIBUTES.put("self-registration", "Anyone can create an account.");
    ATTRIBUTES.put("provenance", "Where the data comes from.");
    ATTRIBUTES.put("workforce", "Who assigns the labels.");
    ATTRIBUTES.put("stores", "What is kept here.");
    ATTRIBUTES.put("access", "Who can read and write it.");
    ATTRIBUTES.put("encrypted-at-rest", "Stored encrypted.");
    ATTRIBUTES.put("versioned", "Earlier versions are kept and can be compared or restored.");
    ATTRIBUTES.put("validates-input", "Rejects malformed or out-of-range records.");
    ATTRIBUTES.put("source", "Where it comes from.");
    ATTRIBUTES.put("artifact-format", "File format of the model artifacts.");
    ATTRIBUTES.put(
        "artifacts", "Path or glob, relative to the workflow file, of the model files it holds.");
    ATTRIBUTES.put("method", "How the model is trained.");
    ATTRIBUTES.put("framework", "Training framework, free text (e.g. pytorch).");
    ATTRIBUTES.put("adversarial-testing", "Release gates include adversarial tests.");
    ATTRIBUTES.put("signed", "Artifacts are signed and signatures are checked on load.");
    ATTRIBUTES.put("rate-limit", "'none' or a rate such as 100/min (units: sec, min, hour, day).");
    ATTRIBUTES.put("outputs", "What a caller gets back.");
    ATTRIBUTES.put("hosting", "Who runs the model.");
    ATTRIBUTES.put("system-prompt-secret", "The system prompt is meant to stay secret.");
    ATTRIBUTES.put("memory", "Keeps state across conversations.");
    ATTRIBUTES.put("content", "What the index holds.");
    ATTRIBUTES.put("shared-across-users", "One index serves every user.");
    ATTRIBUTES.put("effects", "What calling the tool can do.");
    ATTRIBUTES.put("requires-approval", "A person approves each call.");
    ATTRIBUTES.put("renders", "How model output is shown to people.");
    ATTRIBUTES.put("watches", "What is monitored.");
    ATTRIBUTES.put("visibility", "Who can read the repository.");
    ATTRIBUTES.put("index", "Where packages are installed from.");
    ATTRIBUTES.put("exposure", "Who can reach it over the network.");
    ATTRIBUTES.put("authentication", "How callers prove who they are.");
    ATTRIBUTES.put("egress", "Whether it may open outbound connections.");
    ATTRIBUTES.put(
        "human-review", "Who checks outputs before they take effect: none, sampled or all.");
    ATTRIBUTES.put("experiment", "An online experiment splitting traffic between model variants.");
    ATTRIBUTES.put("tenancy", "Whether one instance serves several customer organisations.");
    ATTRIBUTES.put("operated-by", "Who runs it: the team, a partner organisation or a vendor.");
    ATTRIBUTES.put("provides", "What the service does for the workflow.");
    ATTRIBUTES.put("inputs", "Media files it decodes (images, audio, video, documents).");
    ATTRIBUTES.put(
        "pinned",
        "Fixed by a cryptographic digest, so later changes upstream cannot reach the workflow.");
  }

  private WorkflowSchema() {}

  static String text() {
    try {
      return JSON.writeValueAsString(build()).replace("\r\n", "\n") + "\n";
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ObjectNode build() {
    ObjectNode root = obj();
    root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
    root.put("$id", "https://mlsec.dev/schema/workflow-1.schema.json");
    root.put("title", "mlsec workflow file, format 1");
    root.put(
        "description",
        "A whole machine-learning workflow: components, data flows, trust zones, assets, the"
            + " team's controls and beliefs, concerns and triage decisions. Add '#"
            + " yaml-language-server: $schema=<path or URL of this file>' as the first line of a"
            + " workflow file for completion in editors.");
    root.put("type", "object");
    root.set("required", strings("mlsec", "system", "components", "flows"));
    root.put("additionalProperties", false);
    ObjectNode p = root.putObject("properties");
    ObjectNode version = described("Format version: always 1.");
    version.put("const", 1);
    p.set("mlsec", version);
    p.set("system", string("Human name of the system."));
    p.set("description", string("What the system does, free text."));
    p.set("owner", string("Team or person responsible, free text."));
    p.set("assets", idMap("Things worth protecting, by asset id.", ref("asset")));
    ObjectNode components = idMap("The parts of the workflow, by component id.", ref("component"));
    components.put("minProperties", 1);
    p.set("components", components);
    p.set("flows", array("Data flows between components.", ref("flow")));
    p.set(
        "zones", idMap("Trust boundaries: zone name to the component ids inside it.", ref("ids")));
    p.set(
        "controls",
        array("Controls the team has, and what it believes they stop.", ref("control")));
    p.set(
        "concerns",
        array("Threats the team already worries about, in its own words.", string("A concern.")));
    p.set("decisions", array("Triage decisions on findings.", ref("decision")));
    p.set(
        "risk-class",
        enumOf(
            "The EU AI Act risk class of the system, as the team has assessed it.",
            Workflow.RISK_CLASSES));

    ObjectNode defs = root.putObject("$defs");
    ObjectNode id = string("An id: lowercase letters, digits and '-'.");
    id.put("pattern", ID_PATTERN);
    defs.set("id", id);
    ObjectNode ids = described("One id or a list of distinct ids.");
    ArrayNode idsOf = ids.putArray("oneOf");
    idsOf.add(ref("id"));
    ObjectNode idList = obj();
    idList.put("type", "array");
    idList.set("items", ref("id"));
    idList.put("uniqueItems", true);
    idsOf.add(idList);
    defs.set("ids", ids);
    defs.set("asset", asset());
    defs.set("component", component());
    defs.set("flow", flow());
    defs.set("control", control());
    defs.set("decision", decision());
    return root;
  }

  private static ObjectNode asset() {
    ObjectNode a = described("Something worth protecting.");
    a.put("type", "object");
    a.set("required", strings("kind"));
    ObjectNode props = a.putObject("properties");
    props.set("kind", enumOf("What it is.", ids(AssetKind.values())));
    ArrayNode all = a.putArray("allOf");
    for (AssetKind k : AssetKind.values()) {
      ObjectNode then = obj();
      then.put("additionalProperties", false);
      ObjectNode tp = then.putObject("properties");
      tp.set("kind", obj());
      tp.set("description", string("Free text."));
      switch (k) {
        case DATA ->
            tp.set("sensitivity", enumOf("How sensitive the data is.", Asset.SENSITIVITIES));
        case MODEL -> tp.set("value", enumOf("How valuable the model is.", Asset.VALUES));
        case CREDENTIAL -> tp.set("grants", string("What the secret opens."));
      }
      all.add(when("kind", k.id(), then));
    }
    return a;
  }

  private static ObjectNode component() {
    ObjectNode c = described("One part of the workflow; its kind decides its attributes.");
    c.put("type", "object");
    c.set("required", strings("kind"));
    ObjectNode props = c.putObject("properties");
    ObjectNode kind = enumOf("What the component is.", ComponentKind.ids());
    props.set("kind", kind);
    ArrayNode all = c.putArray("allOf");
    for (ComponentKind k : ComponentKind.values()) {
      ObjectNode then = described(KINDS.get(k.id()));
      then.put("additionalProperties", false);
      ObjectNode tp = then.putObject("properties");
      tp.set("kind", obj());
      tp.set("name", string("Display name."));
      tp.set("description", string("Free text."));
      ObjectNode contains = described("Assets kept in or passing through this component.");
      contains.put("$ref", "#/$defs/ids");
      tp.set("contains", contains);
      for (AttributeSpec a : k.attributes().values()) tp.set(a.name(), attribute(a));
      for (Applicability.Meaningless m : Applicability.RULES)
        if (m.kind() == k && m.whenAttribute().isEmpty()) {
          ObjectNode ignored = described("Means nothing here and is ignored: " + m.why() + ".");
          ignored.put("deprecated", true);
          tp.set(m.attribute(), ignored);
        }
      all.add(when("kind", k.id(), then));
    }
    return c;
  }

  private static ObjectNode attribute(AttributeSpec a) {
    String d =
        ATTRIBUTES.getOrDefault(a.name(), a.name())
            + (a.leftOut().isEmpty()
                ? " May be 'unknown'."
                : " Left out: "
                    + (a.leftOut().equals(AttributeSpec.NONE) ? "none" : a.leftOut())
                    + "; may be 'unknown'.");
    ObjectNode n = described(d);
    switch (a.type()) {
      case BOOL -> {
        ArrayNode e = n.putArray("enum");
        e.add(true);
        e.add(false);
        e.add(WorkflowReader.UNKNOWN);
      }
      case ENUM -> {
        n.set("enum", withUnknown(a.values()));
        if (!a.leftOut().isEmpty()) n.put("default", a.leftOut());
      }
      case TEXT -> n.put("type", "string");
      case RATE -> {
        ArrayNode any = n.putArray("anyOf");
        ObjectNode words = obj();
        words.set("enum", strings("none", WorkflowReader.UNKNOWN));
        any.add(words);
        ObjectNode rate = obj();
        rate.put("type", "string");
        rate.put("pattern", "^" + WorkflowReader.RATE.pattern() + "$");
        any.add(rate);
      }
      case ENUM_LIST -> {
        ArrayNode any = n.putArray("anyOf");
        ObjectNode one = obj();
        one.set("enum", withUnknown(a.values()));
        any.add(one);
        ObjectNode list = obj();
        list.put("type", "array");
        ObjectNode items = obj();
        items.set("enum", strings(a.values()));
        list.set("items", items);
        list.put("uniqueItems", true);
        any.add(list);
      }
    }
    return n;
  }

  private static ObjectNode flow() {
    ObjectNode f = described("'from -> to', 'a <-> b' (request and response), or a mapping.");
    ArrayNode one = f.putArray("oneOf");
    ObjectNode shorthand = string("Shorthand flow: 'from -> to' or 'a <-> b'.");
    shorthand.put(
        "pattern", "^[ \\t]*" + ID_TEXT + "[ \\t]*(->|<->)[ \\t]*" + ID_TEXT + "[ \\t]*$");
    one.add(shorthand);
    ObjectNode map = obj();
    map.put("type", "object");
    map.set("required", strings("from", "to"));
    map.put("additionalProperties", false);
    ObjectNode p = map.putObject("properties");
    p.set("from", described("Component id the data leaves.", ref("id")));
    p.set("to", described("Component id the data reaches.", ref("id")));
    p.set("carries", described("Asset ids the flow carries.", ref("ids")));
    p.set("encrypted", bool("Encrypted in transit."));
    p.set("authenticated", bool("Both ends are authenticated."));
    one.add(map);
    return f;
  }

  private static ObjectNode control() {
    ObjectNode c = described("A control the team has.");
    c.put("type", "object");
    c.set("required", strings("id", "applies-to"));
    c.put("additionalProperties", false);
    ObjectNode p = c.putObject("properties");
    ObjectNode id = string("A control id from the catalog, or custom:<name>.");
    id.put("pattern", "^(custom:)?" + ID_TEXT + "$");
    p.set("id", id);
    p.set("description", string("What the control is, in the team's words."));
    p.set("applies-to", described("Component ids it is applied to.", ref("ids")));
    ObjectNode status =
        enumOf("implemented (the default) or planned.", ids(ControlStatus.values()));
    p.set("status", status);
    p.set(
        "believed-to-stop",
        described("Threat ids or families the team believes it stops.", ref("ids")));
    p.set("evidence", string("Path to proof, relative to the workflow file."));
    return c;
  }

  private static ObjectNode decision() {
    ObjectNode d = described("A triage decision on one finding.");
    d.put("type", "object");
    d.set("required", strings("finding", "status"));
    d.put("additionalProperties", false);
    ObjectNode p = d.putObject("properties");
    ObjectNode finding = string("<threat>@<component> or <threat>@<from>-><to>, as printed.");
    finding.put("pattern", "^" + WorkflowReader.FINDING.pattern() + "$");
    p.set("finding", finding);
    p.set("status", enumOf("What the team decided.", ids(DecisionStatus.values())));
    p.set("reason", string("Why."));
    ObjectNode until = string("Expiry date (YYYY-MM-DD); after it the finding is open again.");
    until.put("format", "date");
    until.put("pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$");
    p.set("until", until);
    return d;
  }

  // ---- small builders

  private static ObjectNode when(String key, String value, ObjectNode then) {
    ObjectNode w = obj();
    ObjectNode cond = w.putObject("if");
    cond.set("required", strings(key));
    cond.putObject("properties").putObject(key).put("const", value);
    w.set("then", then);
    return w;
  }

  private static ObjectNode idMap(String description, ObjectNode values) {
    ObjectNode m = described(description);
    m.put("type", "object");
    m.set("propertyNames", ref("id"));
    m.set("additionalProperties", values);
    return m;
  }

  private static ObjectNode array(String description, ObjectNode items) {
    ObjectNode a = described(description);
    a.put("type", "array");
    a.set("items", items);
    return a;
  }

  private static ObjectNode bool(String description) {
    ObjectNode b = described(description + " May be 'unknown'.");
    ArrayNode e = b.putArray("enum");
    e.add(true);
    e.add(false);
    e.add(WorkflowReader.UNKNOWN);
    return b;
  }

  private static ObjectNode string(String description) {
    ObjectNode s = described(description);
    s.put("type", "string");
    return s;
  }

  private static ObjectNode enumOf(String description, List<String> values) {
    ObjectNode e = described(description);
    e.set("enum", strings(values));
    return e;
  }

  private static ObjectNode described(String description) {
    ObjectNode n = obj();
    n.put("description", description);
    return n;
  }

  private static ObjectNode described(String description, ObjectNode base) {
    ObjectNode n = described(description);
    n.setAll(base);
    return n;
  }

  private static ObjectNode ref(String def) {
    ObjectNode r = obj();
    r.put("$ref", "#/$defs/" + def);
    return r;
  }

  private static ArrayNode withUnknown(List<String> values) {
    List<String> all = new ArrayList<>(values);
    all.add(WorkflowReader.UNKNOWN);
    return strings(all);
  }

  private static ArrayNode strings(String... values) {
    return strings(Arrays.asList(values));
  }

  private static ArrayNode strings(List<String> values) {
    ArrayNode a = JSON.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static List<String> ids(Enum<?>[] values) {
    return Arrays.stream(values)
        .map(v -> v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
        .toList();
  }

  private static ObjectNode obj() {
    return JSON.createObjectNode();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
