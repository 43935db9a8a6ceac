package dev.mlsec.model.load;

import dev.mlsec.model.Applicability;
import dev.mlsec.model.Asset;
import dev.mlsec.model.AssetKind;
import dev.mlsec.model.AttributeSpec;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Concern;
import dev.mlsec.model.Control;
import dev.mlsec.model.ControlStatus;
import dev.mlsec.model.Decision;
import dev.mlsec.model.DecisionStatus;
import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.Flow;
import dev.mlsec.model.InputException;
import dev.mlsec.model.LoadWarning;
import dev.mlsec.model.Position;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import dev.mlsec.model.Zone;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads a composed YAML tree into a {@link Workflow}, checking every key, type and value of format
 * 1 in file order; references between ids are collected and checked by {@link PendingReferences}
 * once everything is read.
 */
final class WorkflowReader {
  static final List<String> TOP_KEYS =
      List.of(
          "mlsec",
          "system",
          "description",
          "owner",
          "assets",
          "components",
          "flows",
          "zones",
          "controls",
          "concerns",
          "decisions",
          "risk-class");
  static final List<String> COMPONENT_KEYS = List.of("kind", "name", "description", "contains");
  static final List<String> FLOW_KEYS =
      List.of("from", "to", "carries", "encrypted", "authenticated");
  static final List<String> CONTROL_KEYS =
      List.of("id", "description", "applies-to", "status", "believed-to-stop", "evidence");
  static final List<String> DECISION_KEYS = List.of("finding", "status", "reason", "until");
  static final List<String> ASSET_KEYS =
      List.of("kind", "sensitivity", "value", "grants", "description");

  static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  static final Pattern FINDING =
      Pattern.compile("[a-z0-9][a-z0-9-]*@[a-z0-9][a-z0-9-]*(->[a-z0-9][a-z0-9-]*)?");
  static final Pattern RATE =
      Pattern.compile("([1-9][0-9]{0,17})/(sec|second|min|minute|hour|day)");
  static final String ID_HINT =
      "ids are lowercase letters, digits and '-', starting with a letter or digit";
  static final String UNKNOWN = "unknown";

  private final Positions at;
  private final LoadLimits limits;
  private final PendingReferences refs = new PendingReferences();

  /** Mistakes found so far; reading goes on past each one so that all are reported at once. */
  private final List<InputException> errors = new ArrayList<>();

  private final List<LoadWarning> warnings = new ArrayList<>();

  WorkflowReader(Positions positions, LoadLimits limits) {
    this.at = positions;
    this.limits = limits;
  }

  Workflow read(Node root, Path source) {
    YamlMap top = YamlMap.of(root, at, "the workflow file");
    errors.addAll(
        top.unknownKeys(
            TOP_KEYS, "the workflow", "the top-level keys are: " + String.join(", ", TOP_KEYS)));
    int version = version(top);
    // read in file order, so that of two mistakes the earlier one is reported
    String system = null;
    String description = "";
    String owner = "";
    Map<String, Asset> assets = Map.of();
    Map<String, Component> components = null;
    List<Flow> flows = null;
    Map<String, Zone> zones = Map.of();
    List<Control> controls = List.of();
    List<Concern> concerns = List.of();
    List<Decision> decisions = List.of();
    String riskClass = "";
    for (NodeTuple t : top.entries()) {
      Node n = t.getValueNode();
      try {
        switch (((ScalarNode) t.getKeyNode()).getValue()) {
          case "system" -> system = text(n, "'system'");
          case "description" -> description = text(n, "'description'");
          case "owner" -> owner = text(n, "'owner'");
          case "assets" -> assets = assets(n);
          case "components" -> components = components(n);
          case "flows" -> flows = flows(n);
          case "zones" -> zones = zones(n);
          case "controls" -> controls = controls(n);
          case "concerns" -> concerns = concerns(n);
          case "decisions" -> decisions = decisions(n);
          case "risk-class" -> riskClass = oneOf(n, Workflow.RISK_CLASSES, "risk class");
          default -> {} // mlsec, read above; unknown keys reported above
        }
      } catch (InputException e) {
        errors.add(e);
        refs.unsure();
      }
    }
    attempt(
        () -> {
          if (!top.keys().contains("system"))
            top.require("system", "the workflow", "add 'system: <name of the system>'");
        });
    attempt(
        () -> {
          if (!top.keys().contains("components"))
            top.require(
                "components", "the workflow", "add 'components:' with at least one component");
        });
    attempt(
        () -> {
          if (!top.keys().contains("flows"))
            top.require("flows", "the workflow", "add 'flows:' (an empty list '[]' is allowed)");
        });
    errors.addAll(
        refs.check(
            assets, components == null ? Map.of() : components, flows == null ? List.of() : flows));
    if (!errors.isEmpty()) throw InputException.several(errors, limits.maxErrors());
    return new Workflow(
        source,
        at.file(),
        version,
        system,
        description,
        owner,
        assets,
        components,
        flows,
        zones,
        controls,
        concerns,
        decisions,
        riskClass,
        warnings);
  }

  /** Runs one step of reading; a mistake in it is kept and reading goes on. */
  private void attempt(Runnable step) {
    try {
      step.run();
    } catch (InputException e) {
      errors.add(e);
    }
  }

  private int version(YamlMap top) {
    Node n =
        top.require("mlsec", "the workflow", "start the file with 'mlsec: 1' (the format version)");
    if (!(n instanceof ScalarNode s) || !s.getTag().equals(Tag.INT)) {
      throw new InputException(
          at.of(n),
          "'mlsec' must be the format version 1, not " + Nodes.describe(n),
          "write 'mlsec: 1'");
    }
    if (!isOne(s.getValue())) {
      throw new InputException(
          at.of(n),
          "format version " + s.getValue() + " is not supported",
          "this mlsec reads format 1: write 'mlsec: 1'");
    }
    return 1;
  }

  /** Whether a core-schema integer (decimal, 0x, 0o, with an optional sign) is 1. */
  private static boolean isOne(String v) {
    String d = v.startsWith("+") ? v.substring(1) : v;
    try {
      java.math.BigInteger n =
          d.startsWith("0x")
              ? new java.math.BigInteger(d.substring(2), 16)
              : d.startsWith("0o")
                  ? new java.math.BigInteger(d.substring(2), 8)
                  : new java.math.BigInteger(d);
      return n.equals(java.math.BigInteger.ONE);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  // ---- assets

  private Map<String, Asset> assets(Node node) {
    YamlMap map = YamlMap.of(node, at, "'assets'");
    Map<String, Asset> out = new LinkedHashMap<>();
    for (NodeTuple t : map.entries()) {
      try {
        asset(t, out);
      } catch (InputException e) {
        errors.add(e);
        refs.unsureOf(t.getKeyNode());
      }
    }
    return out;
  }

  private void asset(NodeTuple t, Map<String, Asset> out) {
    {
      String id = id(t.getKeyNode(), "asset id");
      String where = "asset '" + id + "'";
      YamlMap a = YamlMap.of(t.getValueNode(), at, where);
      Node kindNode =
          a.require("kind", where, "add 'kind: data', 'kind: model' or 'kind: credential'");
      String kindWord = oneOf(kindNode, kindIds(), "asset kind");
      AssetKind kind = AssetKind.valueOf(kindWord.toUpperCase(java.util.Locale.ROOT));
      List<String> allowed = new ArrayList<>(List.of("kind", "description"));
      allowed.add(
          switch (kind) {
            case DATA -> "sensitivity";
            case MODEL -> "value";
            case CREDENTIAL -> "grants";
          });
      for (String key : a.keys()) {
        if (ASSET_KEYS.contains(key) && !allowed.contains(key)) {
          throw new InputException(
              a.keyPosition(key),
              "'" + key + "' does not apply to a " + kindWord + " asset",
              "data takes sensitivity, model takes value, credential takes grants");
        }
      }
      a.allowOnly(allowed, where, "an asset takes: " + String.join(", ", allowed));
      String sensitivity =
          a.get("sensitivity").map(n -> oneOf(n, Asset.SENSITIVITIES, "sensitivity")).orElse("");
      String value = a.get("value").map(n -> oneOf(n, Asset.VALUES, "value")).orElse("");
      String grants = a.get("grants").map(n -> text(n, "grants")).orElse("");
      String description = optionalText(a, "description");
      out.put(
          id, new Asset(id, kind, sensitivity, value, grants, description, at.of(t.getKeyNode())));
    }
  }

  private static List<String> kindIds() {
    return Arrays.stream(AssetKind.values()).map(AssetKind::id).toList();
  }

  // ---- components

  private Map<String, Component> components(Node node) {
    YamlMap map = YamlMap.of(node, at, "'components'");
    if (map.size() == 0) {
      throw new InputException(
          map.position(), "'components' is empty", "describe at least one component");
    }
    Map<String, Component> out = new LinkedHashMap<>();
    for (NodeTuple t : map.entries()) {
      if (out.size() == limits.maxComponents()) {
        throw new InputException(
            at.of(t.getKeyNode()),
            "more than " + limits.maxComponents() + " components",
            "split the workflow into smaller files");
      }
      try {
        String id = id(t.getKeyNode(), "component id");
        out.put(id, component(id, t));
      } catch (InputException e) {
        errors.add(e);
        refs.unsureOf(t.getKeyNode());
      }
    }
    return out;
  }

  private Component component(String id, NodeTuple t) {
    String where = "component '" + id + "'";
    YamlMap c = YamlMap.of(t.getValueNode(), at, where);
    Node kindNode =
        c.require("kind", where, "add 'kind:', one of: " + String.join(", ", ComponentKind.ids()));
    String kindWord = oneOf(kindNode, ComponentKind.ids(), "component kind");
    ComponentKind kind = ComponentKind.byId(kindWord).orElseThrow();
    List<String> allowed = new ArrayList<>(COMPONENT_KEYS);
    allowed.addAll(kind.attributes().keySet());
    List<InputException> wrong = new ArrayList<>();
    for (String key : c.keys()) {
      if (!allowed.contains(key)
          && Applicability.meaningless(kind, key, Map.of()).isEmpty()
          && isAttributeOfAnyKind(key)) {
        wrong.add(
            new InputException(
                c.keyPosition(key),
                "'" + key + "' is not an attribute of a " + kindWord,
                kind.attributes().isEmpty()
                    ? "a " + kindWord + " has no attributes of its own"
                    : "a "
                        + kindWord
                        + " takes: "
                        + String.join(", ", kind.attributes().keySet())));
      }
    }
    List<String> known = new ArrayList<>(allowed);
    for (String key : c.keys())
      if (!known.contains(key) && isAttributeOfAnyKind(key)) known.add(key);
    wrong.addAll(
        c.unknownKeys(known, where, "a " + kindWord + " takes: " + String.join(", ", allowed)));
    if (!wrong.isEmpty()) throw InputException.several(wrong, limits.maxErrors());
    String name = "";
    String description = "";
    List<String> contains = List.of();
    Map<String, Value> written = new LinkedHashMap<>();
    Map<String, Position> attributePositions = new LinkedHashMap<>();
    for (NodeTuple e : c.entries()) {
      String key = ((ScalarNode) e.getKeyNode()).getValue();
      Node n = e.getValueNode();
      switch (key) {
        case "kind" -> {}
        case "name" -> name = text(n, "'name'");
        case "description" -> description = text(n, "'description'");
        case "contains" -> contains = refs.assets(ids(n, "contains"), where);
        default -> {
          AttributeSpec spec = kind.attributes().get(key);
          if (spec == null) continue; // meaningless here: warned about below
          written.put(key, attribute(spec, n));
          attributePositions.put(key, at.of(e.getKeyNode()));
        }
      }
    }
    for (NodeTuple e : c.entries()) {
      String key = ((ScalarNode) e.getKeyNode()).getValue();
      Optional<Applicability.Meaningless> m = Applicability.meaningless(kind, key, written);
      if (m.isEmpty()) continue;
      Value.Text implied = m.get().implied().isEmpty() ? null : new Value.Text(m.get().implied());
      if (written.containsKey(key) && written.get(key).equals(implied)) continue; // says the same
      String on =
          m.get().whenAttribute().isEmpty()
              ? "a " + kindWord
              : "a " + kindWord + " with " + m.get().whenAttribute() + " " + m.get().whenValue();
      warnings.add(
          new LoadWarning(
              at.of(e.getKeyNode()),
              "'" + key + "' means nothing on " + on + " and is ignored",
              implied == null
                  ? m.get().why()
                  : m.get().why() + ": it counts as " + implied.value()));
    }
    // an answer that follows from the rest holds whether the file wrote the attribute or not
    for (Applicability.Meaningless m : Applicability.RULES) {
      if (Applicability.meaningless(kind, m.attribute(), written).isEmpty()) continue;
      if (m.implied().isEmpty()) {
        written.remove(m.attribute());
        attributePositions.remove(m.attribute());
      } else {
        written.put(m.attribute(), new Value.Text(m.implied()));
      }
    }
    Map<String, Value> attributes = new LinkedHashMap<>();
    for (AttributeSpec a : kind.attributes().values()) {
      attributes.put(a.name(), written.getOrDefault(a.name(), a.whenLeftOut()));
    }
    return new Component(
        id,
        kind,
        name,
        description,
        contains,
        attributes,
        at.of(t.getKeyNode()),
        attributePositions);
  }

  private static boolean isAttributeOfAnyKind(String key) {
    for (ComponentKind k : ComponentKind.values()) if (k.attributes().containsKey(key)) return true;
    return false;
  }

  private Value attribute(AttributeSpec spec, Node n) {
    if (Nodes.isText(n) && ((ScalarNode) n).getValue().equals(UNKNOWN)) return Value.UNKNOWN;
    String name = "'" + spec.name() + "'";
    return switch (spec.type()) {
      case BOOL -> new Value.Bool(bool(n, name));
      case ENUM -> new Value.Text(oneOf(n, spec.values(), spec.name()));
      case TEXT -> new Value.Text(text(n, name));
      case RATE -> new Value.Text(rate(n));
      case ENUM_LIST -> new Value.Texts(enumList(spec, n));
    };
  }

  private List<String> enumList(AttributeSpec spec, Node n) {
    if (!(n instanceof SequenceNode seq)) return List.of(oneOf(n, spec.values(), spec.name()));
    List<String> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (Nodes.isText(item) && ((ScalarNode) item).getValue().equals(UNKNOWN)) {
        throw new InputException(
            at.of(item),
            "'unknown' cannot be one item of a list",
            "write '"
                + spec.name()
                + ": unknown' for the whole attribute, or list only what is known");
      }
      String v = oneOf(item, spec.values(), spec.name());
      if (out.contains(v)) {
        throw new InputException(
            at.of(item), "'" + v + "' is listed twice", "list each value once");
      }
      out.add(v);
    }
    return out;
  }

  private String rate(Node n) {
    String hint = "write 'none' or a rate such as '100/min'; units: sec, min, hour, day";
    if (n instanceof ScalarNode s && s.getTag().equals(Tag.INT)) {
      throw new InputException(
          at.of(n),
          "rate-limit " + s.getValue() + " has no time unit",
          "write '" + s.getValue() + "/min', or another unit: sec, hour, day");
    }
    String v = text(n, "'rate-limit'");
    if (v.equals("none")) return v;
    Matcher m = RATE.matcher(v);
    if (!m.matches()) {
      throw new InputException(at.of(n), "'" + Nodes.shorten(v) + "' is not a rate", hint);
    }
    String unit =
        switch (m.group(2)) {
          case "second" -> "sec";
          case "minute" -> "min";
          default -> m.group(2);
        };
    return m.group(1) + "/" + unit;
  }

  // ---- flows

  private List<Flow> flows(Node node) {
    if (!(node instanceof SequenceNode seq)) {
      throw new InputException(
          at.of(node),
          "'flows' must be a list, not " + Nodes.describe(node),
          "write one flow per line: '- a -> b'");
    }
    List<Flow> out = new ArrayList<>();
    for (Node item : seq.getValue()) {
      if (out.size() == limits.maxFlows()) {
        throw new InputException(
            at.of(item),
            "more than " + limits.maxFlows() + " flows",
            "split the workflow into smaller files");
      }
      try {
        Flow f = Nodes.isText(item) ? shorthandFlow((ScalarNode) item) : mapFlow(item);
        refs.flow(f);
        out.add(f);
      } catch (InputException e) {
        errors.add(e);
        refs.unsureOfFlows();
      }
    }
    return out;
  }

  private Flow shorthandFlow(ScalarNode s) {
    String v = s.getValue();
    int bi = v.indexOf("<->");
    int arrow = bi >= 0 ? bi : v.indexOf("->");
    if (arrow < 0) {
      throw new InputException(
          at.of(s),
          "'" + Nodes.shorten(v) + "' is not a flow",
          "write 'from -> to', 'a <-> b', or a mapping with 'from' and 'to'");
    }
    int end = arrow + (bi >= 0 ? 3 : 2);
    IdAt from = idPart(s, 0, arrow);
    IdAt to = idPart(s, end, v.length());
    refs.component(from, "flow");
    refs.component(to, "flow");
    return new Flow(
        from.id(), to.id(), bi >= 0, List.of(), Optional.empty(), Optional.empty(), at.of(s));
  }

  /** One id inside a scalar's text, between {@code start} and {@code end}, trimmed. */
  private IdAt idPart(ScalarNode s, int start, int end) {
    String v = s.getValue();
    while (start < end && isBlank(v.charAt(start))) start++;
    while (end > start && isBlank(v.charAt(end - 1))) end--;
    String id = v.substring(start, end);
    Position p = at.within(s, start);
    if (!ID.matcher(id).matches()) {
      String hint =
          id.contains("->")
              ? "write one flow per list item"
              : id.isEmpty() ? "a flow needs a component id on each side" : ID_HINT;
      throw new InputException(
          p,
          (id.isEmpty() ? "missing component id" : "'" + Nodes.shorten(id) + "' is not a valid id"),
          hint);
    }
    return new IdAt(id, p);
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }

  private Flow mapFlow(Node item) {
    YamlMap m = YamlMap.of(item, at, "a flow");
    m.allowOnly(FLOW_KEYS, "a flow", "a flow takes: " + String.join(", ", FLOW_KEYS));
    IdAt from = idAt(m.require("from", "a flow", "add 'from: <component id>'"), "flow end");
    IdAt to = idAt(m.require("to", "a flow", "add 'to: <component id>'"), "flow end");
    refs.component(from, "flow");
    refs.component(to, "flow");
    List<String> carries =
        m.get("carries").map(n -> refs.assets(ids(n, "carries"), "flow")).orElse(List.of());
    Optional<Boolean> encrypted = m.get("encrypted").flatMap(n -> maybeBool(n, "'encrypted'"));
    Optional<Boolean> authenticated =
        m.get("authenticated").flatMap(n -> maybeBool(n, "'authenticated'"));
    return new Flow(from.id(), to.id(), false, carries, encrypted, authenticated, m.position());
  }

  // ---- zones

  private Map<String, Zone> zones(Node node) {
    YamlMap map = YamlMap.of(node, at, "'zones'");
    Map<String, Zone> out = new LinkedHashMap<>();
    for (NodeTuple t : map.entries()) {
      attempt(
          () -> {
            String name = id(t.getKeyNode(), "zone name");
            List<String> members =
                refs.components(ids(t.getValueNode(), "zone members"), "zone '" + name + "'");
            out.put(name, new Zone(name, members, at.of(t.getKeyNode())));
          });
    }
    return out;
  }

  // ---- controls

  private List<Control> controls(Node node) {
    List<Control> out = new ArrayList<>();
    for (Node item : list(node, "controls", "write '- id: <control id>' items")) {
      attempt(() -> out.add(control(item)));
    }
    return out;
  }

  private Control control(Node item) {
    {
      YamlMap m = YamlMap.of(item, at, "a control");
      m.allowOnly(CONTROL_KEYS, "a control", "a control takes: " + String.join(", ", CONTROL_KEYS));
      Node idNode =
          m.require(
              "id", "a control", "add 'id: <control id from the catalog>' or 'id: custom:<name>'");
      String id = text(idNode, "a control id");
      String bare = id.startsWith("custom:") ? id.substring("custom:".length()) : id;
      if (!ID.matcher(bare).matches()) {
        throw new InputException(
            at.of(idNode),
            "'" + Nodes.shorten(id) + "' is not a valid control id",
            "write a catalog control id or 'custom:<name>'; " + ID_HINT);
      }
      String where = "control '" + id + "'";
      List<String> appliesTo =
          refs.components(
              ids(
                  m.require("applies-to", where, "add 'applies-to: [<component id>, ...]'"),
                  "applies-to"),
              where);
      ControlStatus status =
          m.get("status")
              .map(
                  n ->
                      ControlStatus.valueOf(
                          upper(oneOf(n, ids(ControlStatus.values()), "control status"))))
              .orElse(ControlStatus.IMPLEMENTED);
      List<IdAt> stops =
          m.get("believed-to-stop").map(n -> ids(n, "believed-to-stop")).orElse(List.of());
      String evidence = m.get("evidence").map(n -> text(n, "'evidence'")).orElse("");
      return new Control(
          id,
          appliesTo,
          status,
          stops.stream().map(IdAt::id).toList(),
          evidence,
          m.position(),
          at.of(idNode),
          stops.stream().map(IdAt::position).toList(),
          optionalText(m, "description"));
    }
  }

  // ---- concerns

  private List<Concern> concerns(Node node) {
    List<Concern> out = new ArrayList<>();
    for (Node item : list(node, "concerns", "write one '- <concern>' per line")) {
      attempt(() -> out.add(new Concern(text(item, "a concern"), at.of(item))));
    }
    return out;
  }

  // ---- decisions

  private List<Decision> decisions(Node node) {
    List<Decision> out = new ArrayList<>();
    for (Node item : list(node, "decisions", "write '- finding: <threat>@<component>' items")) {
      attempt(() -> out.add(decision(item)));
    }
    return out;
  }

  private Decision decision(Node item) {
    {
      YamlMap m = YamlMap.of(item, at, "a decision");
      m.allowOnly(
          DECISION_KEYS, "a decision", "a decision takes: " + String.join(", ", DECISION_KEYS));
      Node findingNode = m.require("finding", "a decision", "add 'finding: <threat>@<component>'");
      String finding = text(findingNode, "'finding'");
      ScalarNode fs = (ScalarNode) findingNode;
      int atSign = finding.indexOf('@');
      if (atSign < 0) {
        throw new InputException(
            at.of(findingNode),
            "'" + Nodes.shorten(finding) + "' is not a finding id",
            "write '<threat>@<component>' or '<threat>@<from>-><to>' as the analysis prints it");
      }
      if (!FINDING.matcher(finding).matches()) {
        throw new InputException(
            at.of(findingNode),
            "'" + Nodes.shorten(finding) + "' is not a finding id",
            "write '<threat>@<component>' or '<threat>@<from>-><to>' as the analysis prints it");
      }
      IdAt threat = idPart(fs, 0, atSign);
      int arrow = finding.indexOf("->", atSign);
      if (arrow < 0) {
        refs.component(idPart(fs, atSign + 1, finding.length()), "decision");
      } else {
        refs.flowRef(idPart(fs, atSign + 1, arrow), idPart(fs, arrow + 2, finding.length()));
      }
      DecisionStatus status =
          DecisionStatus.valueOf(
              upper(
                  oneOf(
                      m.require(
                          "status",
                          "a decision",
                          "add 'status:', one of: "
                              + String.join(", ", ids(DecisionStatus.values()))),
                      ids(DecisionStatus.values()),
                      "decision status")));
      String reason = optionalText(m, "reason");
      Optional<LocalDate> until = m.get("until").map(this::date);
      return new Decision(finding, status, reason, until, m.position(), threat.position());
    }
  }

  private LocalDate date(Node n) {
    String hint = "write the date as YYYY-MM-DD, e.g. 2027-06-30";
    if (!Nodes.isText(n)) {
      throw new InputException(at.of(n), "'until' must be a date, not " + Nodes.describe(n), hint);
    }
    String v = ((ScalarNode) n).getValue();
    try {
      if (!v.matches("\\d{4}-\\d{2}-\\d{2}")) throw new DateTimeParseException(v, v, 0);
      return LocalDate.parse(v);
    } catch (DateTimeParseException e) {
      throw new InputException(at.of(n), "'" + Nodes.shorten(v) + "' is not a valid date", hint);
    }
  }

  // ---- scalars and lists

  private List<Node> list(Node node, String key, String hint) {
    if (node instanceof SequenceNode seq) return seq.getValue();
    throw new InputException(
        at.of(node), "'" + key + "' must be a list, not " + Nodes.describe(node), hint);
  }

  private String optionalText(YamlMap m, String key) {
    return m.get(key).map(n -> text(n, "'" + key + "'")).orElse("");
  }

  private String text(Node n, String what) {
    if (Nodes.isText(n)) return ((ScalarNode) n).getValue();
    String hint =
        n instanceof ScalarNode s && !Nodes.isNull(n)
            ? "put it in quotes: \"" + s.getValue() + "\""
            : Nodes.isNull(n) ? "give a value or remove the key" : "write a single line of text";
    throw new InputException(at.of(n), what + " must be text, not " + Nodes.describe(n), hint);
  }

  /** A boolean that may be {@code unknown} (then empty). */
  private Optional<Boolean> maybeBool(Node n, String what) {
    if (Nodes.isText(n) && ((ScalarNode) n).getValue().equals(UNKNOWN)) return Optional.empty();
    return Optional.of(bool(n, what));
  }

  private boolean bool(Node n, String what) {
    if (Nodes.isBool(n))
      return Boolean.parseBoolean(((ScalarNode) n).getValue().toLowerCase(java.util.Locale.ROOT));
    throw new InputException(
        at.of(n),
        what + " must be true, false or unknown, not " + Nodes.describe(n),
        "write true or false");
  }

  private String oneOf(Node n, List<String> allowed, String what) {
    if (!Nodes.isText(n)) {
      throw new InputException(
          at.of(n),
          what + " must be one of " + String.join(", ", allowed) + ", not " + Nodes.describe(n),
          n instanceof SequenceNode ? "it takes a single value" : "write one of the words");
    }
    String v = ((ScalarNode) n).getValue();
    if (allowed.contains(v)) return v;
    throw new InputException(
        at.of(n), "'" + Nodes.shorten(v) + "' is not a valid " + what, DidYouMean.hint(v, allowed));
  }

  /** A mapping key used as an id: any scalar, since keys are always text. */
  private String id(Node n, String what) {
    if (!(n instanceof ScalarNode s)) {
      throw new InputException(
          at.of(n), what + " must be an id, not " + Nodes.describe(n), ID_HINT);
    }
    return checkedId(s, what).id();
  }

  /** An id given as a value: it must be text (an id such as 123 needs quotes). */
  private IdAt idAt(Node n, String what) {
    if (!Nodes.isText(n)) {
      String hint =
          n instanceof ScalarNode s && !Nodes.isNull(n)
              ? "put it in quotes: \"" + s.getValue() + "\""
              : ID_HINT;
      throw new InputException(at.of(n), what + " must be an id, not " + Nodes.describe(n), hint);
    }
    return checkedId((ScalarNode) n, what);
  }

  private IdAt checkedId(ScalarNode n, String what) {
    String v = n.getValue();
    if (!ID.matcher(v).matches()) {
      String fixed =
          v.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+", "");
      String hint =
          ID.matcher(fixed).matches() && !fixed.equals(v)
              ? ID_HINT + ", e.g. '" + fixed + "'"
              : ID_HINT;
      throw new InputException(at.of(n), "'" + Nodes.shorten(v) + "' is not a valid " + what, hint);
    }
    return new IdAt(v, at.of(n));
  }

  /** One id or a list of distinct ids. */
  private List<IdAt> ids(Node n, String what) {
    if (!(n instanceof SequenceNode seq)) return List.of(idAt(n, what + " id"));
    List<IdAt> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Node item : seq.getValue()) {
      IdAt id = idAt(item, what + " id");
      if (!seen.add(id.id())) {
        throw new InputException(
            id.position(), "'" + id.id() + "' is listed twice in " + what, "list each id once");
      }
      out.add(id);
    }
    return out;
  }

  private static List<String> ids(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> v : values) out.add(v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    return out;
  }

  private static String upper(String id) {
    return id.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
  }
}
