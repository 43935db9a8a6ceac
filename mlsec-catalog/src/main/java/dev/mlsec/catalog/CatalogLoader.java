package dev.mlsec.catalog;

import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.DidYouMean;
import dev.mlsec.model.InputException;
import dev.mlsec.model.Position;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads the built-in catalog (classpath {@code catalog/index.yaml} and the files it lists) and user
 * catalogs of the same format, checking every key, id, reference and condition.
 */
public final class CatalogLoader {
  static final String INDEX = "catalog/index.yaml";
  static final int MAX_FILES = 200;

  static final List<String> FILE_KEYS = List.of("families", "threats", "controls");
  static final List<String> THREAT_KEYS =
      List.of(
          "id",
          "title",
          "class",
          "family",
          "stage",
          "applies-to",
          "when",
          "why",
          "path",
          "impact",
          "summary",
          "detail",
          "attacker-needs",
          "business-impact",
          "first-step",
          "false-positive",
          "keywords",
          "refs");
  static final List<String> THREAT_REQUIRED =
      List.of("id", "title", "class", "family", "stage", "applies-to", "when", "impact", "summary");
  static final List<String> CONTROL_KEYS =
      List.of("id", "title", "description", "mitigates", "not-stopped", "placement", "keywords");
  static final List<String> FAMILY_KEYS = List.of("id", "title", "description");
  static final List<String> REF_KEYS =
      List.of("atlas", "owasp-ml", "owasp-llm", "nist-aml", "eu-ai-act");
  static final List<String> PATHS =
      List.of("none", "influence", "query", "input", "calls", "content", "artifact", "credential");

  /**
   * The effects a {@code content:<effect>} path may end at: the tools that act, i.e. the format's
   * {@code effects} of an agent tool other than {@code read-only}.
   */
  static final List<String> TOOL_EFFECTS =
      ComponentKind.AGENT_TOOL.attributes().get("effects").values().stream()
          .filter(e -> !e.equals("read-only"))
          .toList();

  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
  private static final Map<String, Pattern> REF_FORMATS =
      Map.of(
          "atlas", Pattern.compile("AML\\.T\\d{4}(\\.\\d{3})?"),
          "owasp-ml", Pattern.compile("ML(0[1-9]|10):2023"),
          "owasp-llm", Pattern.compile("LLM(0[1-9]|10):2025"),
          "nist-aml", Pattern.compile("NISTAML\\.\\d{2,3}"),
          "eu-ai-act", Pattern.compile("Art\\. \\d+(\\(\\d+\\))?(\\([a-z]\\))?"));

  private static volatile CompiledCatalog builtIn;

  private CatalogLoader() {}

  /** The catalog shipped with mlsec. */
  public static Catalog builtIn() {
    return builtInCompiled().catalog();
  }

  /**
   * The built-in catalog without waiting for its conditions when the build's snapshot is in the jar
   * (else as {@link #builtIn()}): the very object {@link #builtInCompiled()} holds or will hold.
   */
  public static Catalog builtInCatalog() {
    CompiledCatalog c = builtIn;
    if (c != null) return c.catalog();
    return CatalogSnapshot.builtIn()
        .map(CatalogSnapshot.Contents::catalog)
        .orElseGet(CatalogLoader::builtIn);
  }

  /** The built-in catalog plus user catalog files, each checked as strictly as the built-in. */
  public static Catalog load(List<Path> userFiles) {
    return loadCompiled(userFiles).catalog();
  }

  /** The built-in catalog with its compiled conditions (loaded once per process). */
  public static CompiledCatalog builtInCompiled() {
    CompiledCatalog c = builtIn;
    if (c == null) {
      synchronized (CatalogLoader.class) {
        if (builtIn == null) builtIn = loadBuiltIn();
        c = builtIn;
      }
    }
    return c;
  }

  /**
   * The build's snapshot of the built-in catalog when it is there and fresh (no YAML parsed at run
   * time), else the catalog's YAML; conditions come checked from the build either way.
   */
  private static CompiledCatalog loadBuiltIn() {
    Optional<CatalogSnapshot.Contents> snapshot = CatalogSnapshot.builtIn();
    if (snapshot.isEmpty()) return loadCompiled(List.of());
    Catalog catalog = snapshot.get().catalog();
    CheckedConditions store = CheckedConditions.builtIn();
    List<Conditions.Checked> checked = new ArrayList<>();
    for (Threat t : catalog.threats())
      checked.add(Conditions.check(t, new Conditions.Origin(t.position()), store));
    return new CompiledCatalog(catalog, Conditions.plan(checked), snapshot.get().references());
  }

  /**
   * Built-in plus user files, with compiled conditions: the built-in ones come checked from the
   * build, a user catalog's from a cache keyed by its content after its first compilation.
   */
  public static CompiledCatalog loadCompiled(List<Path> userFiles) {
    CheckedConditions store = CheckedConditions.builtIn();
    if (userFiles.isEmpty()) return loadCompiled(userFiles, store);
    ConditionCache cache = ConditionCache.forFiles(userFiles);
    cache.readInto(store);
    CompiledCatalog compiled = loadCompiled(userFiles, store);
    if (store.added()) cache.write(store);
    return compiled;
  }

  static CompiledCatalog loadCompiled(List<Path> userFiles, CheckedConditions store) {
    return loadCompiled(userFiles, store, new LinkedHashMap<>());
  }

  /** As above; {@code read} receives each built-in resource read, name to bytes (the snapshot). */
  static CompiledCatalog loadCompiled(
      List<Path> userFiles, CheckedConditions store, Map<String, byte[]> read) {
    List<Source> sources = new ArrayList<>();
    String version = "";
    Map<String, Map<String, String>> references = new LinkedHashMap<>();
    String indexText = resource(INDEX, read);
    if (indexText != null) {
      YamlNodes y = new YamlNodes(INDEX);
      Map<String, Node> index =
          y.mapping(
              y.parse(indexText),
              "the catalog index",
              List.of("version", "references", "files"),
              List.of("files"));
      version = y.text(index, "version", "the catalog index");
      String refs = y.text(index, "references", "the catalog index");
      if (!refs.isEmpty()) {
        String name = "catalog/" + refs;
        String text = resource(name, read);
        if (text == null)
          throw new InputException(
              y.position(index.get("references")), "no catalog resource " + name);
        references = readReferences(new YamlNodes(name), text);
      }
      List<String> files = y.strings(index.get("files"), "files");
      if (files.size() > MAX_FILES)
        throw new InputException(
            y.position(index.get("files")), "more than " + MAX_FILES + " catalog files");
      for (int i = 0; i < files.size(); i++) {
        String name = "catalog/" + files.get(i);
        String text = resource(name, read);
        if (text == null)
          throw new InputException(
              y.itemPosition(index.get("files"), i),
              "the catalog index lists " + files.get(i) + ", which does not exist");
        // the reference lists may be listed among the files as well as under `references`
        if (name.endsWith("/references.yaml"))
          references = readReferences(new YamlNodes(name), text);
        else sources.add(new Source(name, text));
      }
    }
    for (Path p : userFiles) {
      try {
        if (Files.size(p) > YamlNodes.MAX_CHARS)
          throw new InputException(new Position(p.toString(), 0, 0), "catalog file is too large");
        sources.add(new Source(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
      } catch (IOException e) {
        throw InputException.unreadable(p, "catalog file", e);
      }
    }
    if (version.isEmpty()) version = "built-in";
    if (!userFiles.isEmpty()) version = version + "+custom";
    return build(version, sources, references, store);
  }

  /** Loads catalog texts (name -> YAML) without the built-in catalog; for tests and tools. */
  public static CompiledCatalog fromTexts(
      String version, Map<String, String> files, Map<String, Map<String, String>> references) {
    List<Source> sources = new ArrayList<>();
    files.forEach((k, v) -> sources.add(new Source(k, v)));
    return build(version, sources, references, CheckedConditions.builtIn());
  }

  /** Parses a references.yaml text into framework -> id -> title. */
  public static Map<String, Map<String, String>> readReferences(String name, String text) {
    return readReferences(new YamlNodes(name), text);
  }

  private record Source(String name, String text) {}

  private record Parsed(
      Threat threat, Conditions.Origin origin, Map<String, Node> nodes, YamlNodes yaml) {}

  private record ParsedControl(ControlDef control, Map<String, Node> nodes, YamlNodes yaml) {}

  private static CompiledCatalog build(
      String version,
      List<Source> sources,
      Map<String, Map<String, String>> references,
      CheckedConditions store) {
    List<Family> families = new ArrayList<>();
    Map<String, Position> familyPos = new HashMap<>();
    List<Parsed> threats = new ArrayList<>();
    List<ParsedControl> controls = new ArrayList<>();
    // threats, controls and families are separate namespaces (a family may share its threat's id)
    Map<String, Position> familyIdsSeen = new HashMap<>();
    Map<String, Position> threatIdsSeen = new HashMap<>();
    Map<String, Position> controlIdsSeen = new HashMap<>();
    for (Source s : sources) {
      YamlNodes y = new YamlNodes(s.name());
      Map<String, Node> top = y.mapping(y.parse(s.text()), "a catalog file", FILE_KEYS, List.of());
      if (top.containsKey("families"))
        for (Node n : y.sequence(top.get("families"), "families")) {
          Map<String, Node> m = y.mapping(n, "a family", FAMILY_KEYS, List.of("id", "title"));
          String id = id(y, m, "family", familyIdsSeen);
          familyPos.put(id, y.position(m.get("id")));
          families.add(
              new Family(id, y.text(m, "title", "family"), y.text(m, "description", "family")));
        }
      if (top.containsKey("threats"))
        for (Node n : y.sequence(top.get("threats"), "threats"))
          threats.add(threat(y, n, threatIdsSeen, references));
      if (top.containsKey("controls"))
        for (Node n : y.sequence(top.get("controls"), "controls"))
          controls.add(control(y, n, controlIdsSeen));
    }
    Set<String> familyIds = new LinkedHashSet<>(familyPos.keySet());
    Set<String> threatIds = new LinkedHashSet<>();
    threats.forEach(p -> threatIds.add(p.threat().id()));
    for (Parsed p : threats) {
      String family = p.threat().family();
      if (!familyIds.contains(family))
        throw new InputException(
            p.yaml().position(p.nodes().get("family")),
            "threat '" + p.threat().id() + "' names unknown family '" + family + "'",
            DidYouMean.hint(family, familyIds));
    }
    Set<String> targets = new LinkedHashSet<>(threatIds);
    targets.addAll(familyIds);
    for (ParsedControl pc : controls) {
      YamlNodes y = pc.yaml();
      ControlDef c = pc.control();
      Node mit = pc.nodes().get("mitigates");
      if (mit != null) {
        Map<String, Node> m = y.mapping(mit, "mitigates", List.of("full", "partial"), List.of());
        checkTargets(y, m.get("full"), c.full(), targets, c.id());
        checkTargets(y, m.get("partial"), c.partial(), targets, c.id());
      }
      Node ns = pc.nodes().get("not-stopped");
      if (ns != null) {
        List<Node> items = y.sequence(ns, "not-stopped");
        for (int i = 0; i < items.size(); i++) {
          String t = c.notStopped().get(i).threat();
          if (!targets.contains(t))
            throw new InputException(
                y.position(items.get(i)),
                "control '" + c.id() + "' names unknown threat or family '" + t + "'",
                DidYouMean.hint(t, targets));
        }
      }
    }
    List<Conditions.Checked> checked = new ArrayList<>();
    for (Parsed p : threats) checked.add(Conditions.check(p.threat(), p.origin(), store));
    Map<String, Rule> rules = Conditions.plan(checked);
    Catalog catalog =
        new Catalog(
            version,
            families,
            threats.stream().map(Parsed::threat).toList(),
            controls.stream().map(ParsedControl::control).toList(),
            references);
    return new CompiledCatalog(catalog, rules, references);
  }

  private static void checkTargets(
      YamlNodes y, Node node, List<String> ids, Set<String> targets, String control) {
    for (int i = 0; i < ids.size(); i++)
      if (!targets.contains(ids.get(i)))
        throw new InputException(
            y.itemPosition(node, i),
            "control '" + control + "' names unknown threat or family '" + ids.get(i) + "'",
            DidYouMean.hint(ids.get(i), targets));
  }

  private static String id(
      YamlNodes y, Map<String, Node> m, String what, Map<String, Position> ids) {
    Node n = m.get("id");
    String id = y.scalar(n, what + " id");
    Position p = y.position(n);
    if (!ID.matcher(id).matches())
      throw new InputException(
          p, what + " id '" + id + "' is not kebab-case", "use lowercase letters, digits and -");
    Position before = ids.putIfAbsent(id, p);
    if (before != null)
      throw new InputException(
          p, "duplicate " + what + " id '" + id + "'", "first defined at " + before);
    return id;
  }

  private static Parsed threat(
      YamlNodes y, Node n, Map<String, Position> ids, Map<String, Map<String, String>> references) {
    Map<String, Node> m = y.mapping(n, "a threat", THREAT_KEYS, THREAT_REQUIRED);
    String id = id(y, m, "threat", ids);
    String what = "threat '" + id + "'";
    String cls = y.text(m, "class", what);
    ThreatClass threatClass =
        ThreatClass.byId(cls)
            .orElseThrow(
                () ->
                    new InputException(
                        y.position(m.get("class")),
                        what + " has unknown class '" + cls + "'",
                        DidYouMean.hint(
                            cls, List.of("ml-specific", "ml-amplified", "conventional"))));
    String stage = y.text(m, "stage", what);
    if (!Vocabulary.STAGES.contains(stage))
      throw new InputException(
          y.position(m.get("stage")),
          what + " has unknown stage '" + stage + "'",
          DidYouMean.hint(stage, Vocabulary.STAGES));
    String impactText = y.text(m, "impact", what);
    Severity impact =
        Severity.byId(impactText)
            .orElseThrow(
                () ->
                    new InputException(
                        y.position(m.get("impact")),
                        what + " has unknown impact '" + impactText + "'",
                        DidYouMean.hint(
                            impactText, List.of("critical", "high", "medium", "low", "info"))));
    List<String> appliesTo = y.strings(m.get("applies-to"), "applies-to");
    if (appliesTo.isEmpty())
      throw new InputException(y.position(m.get("applies-to")), what + " applies to nothing");
    List<String> kinds = new ArrayList<>(ComponentKind.ids());
    kinds.add(Vocabulary.FLOW);
    for (int i = 0; i < appliesTo.size(); i++) {
      String k = appliesTo.get(i);
      if (!kinds.contains(k))
        throw new InputException(
            y.itemPosition(m.get("applies-to"), i),
            what + " applies to unknown kind '" + k + "'",
            DidYouMean.hint(k, kinds));
    }
    if (appliesTo.contains(Vocabulary.FLOW) && appliesTo.size() > 1)
      throw new InputException(
          y.position(m.get("applies-to")),
          what + " mixes flow with component kinds",
          "write a separate threat for flows");
    String path = m.containsKey("path") ? y.text(m, "path", what) : "none";
    String pathBase = path.startsWith("influence:") ? "influence" : path;
    if (path.startsWith("content:")) {
      String effect = path.substring("content:".length());
      if (!TOOL_EFFECTS.contains(effect))
        throw new InputException(
            y.position(m.get("path")),
            what + " has path 'content:" + effect + "', an effect a tool path cannot end at",
            DidYouMean.hint(effect, TOOL_EFFECTS));
      pathBase = "content";
    }
    if (!PATHS.contains(pathBase))
      throw new InputException(
          y.position(m.get("path")),
          what + " has unknown path '" + path + "'",
          DidYouMean.hint(path, PATHS));
    Node when = m.get("when");
    String condition = y.scalar(when, "when").strip();
    References refs = References.NONE;
    if (m.containsKey("refs")) refs = refs(y, m.get("refs"), references);
    Position pos = y.position(m.get("id"));
    Threat t =
        new Threat(
            id,
            y.text(m, "title", what),
            threatClass,
            y.text(m, "family", what),
            stage,
            appliesTo,
            condition,
            y.strings(m.get("why"), "why"),
            path,
            impact,
            y.text(m, "summary", what),
            y.text(m, "detail", what),
            y.text(m, "attacker-needs", what),
            y.text(m, "business-impact", what),
            y.text(m, "first-step", what),
            y.text(m, "false-positive", what),
            y.strings(m.get("keywords"), "keywords"),
            refs,
            pos);
    Position wp = y.position(when);
    int indent = 0;
    List<String> blockLines = new ArrayList<>();
    if (YamlNodes.block(when)) {
      // the content lines of the block, as written, to place CEL errors on them
      String[] raw = y.text().split("\n", -1);
      for (int i = wp.line(); i < raw.length; i++) {
        String l = raw[i];
        int lead = l.length() - l.stripLeading().length();
        if (blockLines.isEmpty()) {
          if (l.isBlank()) continue;
          indent = lead;
        } else if (!l.isBlank() && lead < indent) break;
        blockLines.add(l.length() > indent ? l.substring(indent) : "");
      }
    }
    return new Parsed(
        t,
        new Conditions.Origin(
            wp, YamlNodes.block(when), YamlNodes.quoted(when), indent, blockLines),
        m,
        y);
  }

  private static References refs(YamlNodes y, Node node, Map<String, Map<String, String>> known) {
    Map<String, Node> m = y.mapping(node, "refs", REF_KEYS, List.of());
    Map<String, List<String>> out = new HashMap<>();
    for (String key : REF_KEYS) {
      List<String> ids = y.strings(m.get(key), key);
      for (int i = 0; i < ids.size(); i++) {
        String id = ids.get(i);
        Position p = y.itemPosition(m.get(key), i);
        if (!REF_FORMATS.get(key).matcher(id).matches())
          throw new InputException(
              p, "reference '" + id + "' is not a valid " + key + " id", "e.g. " + example(key));
        Map<String, String> list = known.get(key);
        if (list != null && !list.isEmpty() && !list.containsKey(id))
          throw new InputException(
              p, "unknown " + key + " reference '" + id + "'", DidYouMean.hint(id, list.keySet()));
      }
      out.put(key, ids);
    }
    return new References(
        out.get("atlas"),
        out.get("owasp-ml"),
        out.get("owasp-llm"),
        out.get("nist-aml"),
        out.get("eu-ai-act"));
  }

  private static String example(String key) {
    return switch (key) {
      case "atlas" -> "AML.T0043 or AML.T0024.002";
      case "owasp-ml" -> "ML05:2023";
      case "owasp-llm" -> "LLM01:2025";
      case "nist-aml" -> "NISTAML.031";
      default -> "Art. 15(5)";
    };
  }

  private static ParsedControl control(YamlNodes y, Node n, Map<String, Position> ids) {
    Map<String, Node> m = y.mapping(n, "a control", CONTROL_KEYS, List.of("id", "title"));
    String id = id(y, m, "control", ids);
    List<String> full = List.of();
    List<String> partial = List.of();
    if (m.containsKey("mitigates")) {
      Map<String, Node> mit =
          y.mapping(m.get("mitigates"), "mitigates", List.of("full", "partial"), List.of());
      full = y.strings(mit.get("full"), "full");
      partial = y.strings(mit.get("partial"), "partial");
    }
    List<ControlDef.Misbelief> notStopped = new ArrayList<>();
    if (m.containsKey("not-stopped"))
      for (Node item : y.sequence(m.get("not-stopped"), "not-stopped")) {
        Map<String, Node> b =
            y.mapping(
                item,
                "a not-stopped entry",
                List.of("threat", "reason"),
                List.of("threat", "reason"));
        notStopped.add(
            new ControlDef.Misbelief(
                y.text(b, "threat", "not-stopped"), y.text(b, "reason", "not-stopped")));
      }
    Placement placement = Placement.PATH;
    if (m.containsKey("placement")) {
      String p = y.text(m, "placement", "control");
      placement =
          Placement.byId(p)
              .orElseThrow(
                  () ->
                      new InputException(
                          y.position(m.get("placement")),
                          "control " + id + " has unknown placement '" + p + "'",
                          DidYouMean.hint(p, Placement.ids())));
    }
    return new ParsedControl(
        new ControlDef(
            id,
            y.text(m, "title", "control"),
            y.text(m, "description", "control"),
            full,
            partial,
            notStopped,
            placement,
            y.position(m.get("id")),
            m.containsKey("keywords") ? y.strings(m.get("keywords"), "keywords") : List.of()),
        m,
        y);
  }

  static final List<String> REFERENCE_FILE_KEYS =
      List.of(
          "atlas",
          "atlas-version",
          "owasp-ml",
          "owasp-llm",
          "nist-aml",
          "eu-ai-act",
          "eu-ai-act-15-5-kinds");

  /**
   * Each framework is a list of {@code {id, title, ...}} entries (or a map id -> title); other keys
   * (atlas-version, eu-ai-act-15-5-kinds) belong to the coverage documents and are skipped.
   */
  private static Map<String, Map<String, String>> readReferences(YamlNodes y, String text) {
    Map<String, Node> top =
        y.mapping(y.parse(text), "the reference lists", REFERENCE_FILE_KEYS, List.of());
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (var e : top.entrySet()) {
      String key = e.getKey();
      if (!REF_KEYS.contains(key)) continue;
      Map<String, String> ids = new LinkedHashMap<>();
      if (e.getValue() instanceof org.snakeyaml.engine.v2.nodes.SequenceNode) {
        for (Node item : y.sequence(e.getValue(), key)) {
          Map<String, Node> m = y.mapping(item, "a " + key + " reference", null, List.of("id"));
          String id = y.text(m, "id", "reference");
          checkReferenceId(y, m.get("id"), key, id);
          ids.put(id, y.text(m, "title", "reference"));
        }
      } else {
        for (var id : y.freeMapping(e.getValue(), key).entrySet()) {
          checkReferenceId(y, id.getValue(), key, id.getKey());
          ids.put(id.getKey(), y.scalar(id.getValue(), "a reference title"));
        }
      }
      out.put(key, ids);
    }
    return out;
  }

  private static void checkReferenceId(YamlNodes y, Node at, String key, String id) {
    if (!REF_FORMATS.get(key).matcher(id).matches())
      throw new InputException(
          y.position(at), "'" + id + "' is not a valid " + key + " id", "e.g. " + example(key));
  }

  private static String resource(String name, Map<String, byte[]> read) {
    try (InputStream in = CatalogLoader.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) return null;
      byte[] bytes = in.readNBytes(YamlNodes.MAX_CHARS + 1);
      read.put(name, bytes);
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InputException(
          new Position(name, 0, 0), "cannot read catalog resource: " + e.getMessage());
    }
  }
}
