package dev.mlsec.report.cyclonedx;

import dev.mlsec.analysis.Analysis;
import dev.mlsec.analysis.Finding;
import dev.mlsec.catalog.Threat;
import dev.mlsec.model.Asset;
import dev.mlsec.model.AssetKind;
import dev.mlsec.model.Component;
import dev.mlsec.model.ComponentKind;
import dev.mlsec.model.Flow;
import dev.mlsec.model.Value;
import dev.mlsec.model.Workflow;
import dev.mlsec.report.Overview;
import dev.mlsec.report.ReportOptions;
import dev.mlsec.report.ReportWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.Deque;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.component.ModelCard;
import org.cyclonedx.model.component.data.ComponentData;
import org.cyclonedx.model.component.data.DatasetChoice;
import org.cyclonedx.model.component.modelCard.Considerations;
import org.cyclonedx.model.component.modelCard.ModelParameters;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.model.vulnerability.Vulnerability;

/**
 * A CycloneDX 1.6 ML-BOM of the workflow: models (with model cards), datasets, pretrained models
 * and dependencies as components, linked by what feeds what; findings as vulnerabilities with a
 * rating and their ATLAS / OWASP references. No serial number or timestamp unless the options give
 * them, so the bytes are stable.
 */
public final class BomReport implements ReportWriter {
  private static final Set<ComponentKind> MODELS =
      EnumSet.of(ComponentKind.PRETRAINED_MODEL, ComponentKind.MODEL_REGISTRY, ComponentKind.LLM);
  private static final Set<ComponentKind> DATA =
      EnumSet.of(
          ComponentKind.DATA_SOURCE,
          ComponentKind.DATA_STORE,
          ComponentKind.FEATURE_STORE,
          ComponentKind.RETRIEVAL);
  private static final String SYSTEM_REF = "system";

  @Override
  public void write(Analysis analysis, Writer out, ReportOptions options) throws IOException {
    try {
      String json =
          BomGeneratorFactory.createJson(Version.VERSION_16, bom(analysis, options)).toJsonString();
      out.write(json.replace("\r\n", "\n"));
      if (!json.endsWith("\n")) out.write('\n');
    } catch (GeneratorException e) {
      throw new IOException("cannot generate the CycloneDX BOM", e);
    }
  }

  /** The BOM as the CycloneDX model, for callers that want to add to it. */
  public static Bom bom(Analysis analysis, ReportOptions options) {
    Workflow w = analysis.workflow();
    Bom bom = new Bom();
    options.bomSerialNumber().ifPresent(bom::setSerialNumber);
    bom.setMetadata(metadata(analysis, options));

    Map<String, org.cyclonedx.model.Component> included = new LinkedHashMap<>();
    for (Component c : w.components().values()) {
      org.cyclonedx.model.Component bc = component(w, c);
      if (bc != null) included.put(c.id(), bc);
    }
    Map<String, List<String>> into = inbound(w);
    for (Map.Entry<String, org.cyclonedx.model.Component> e : included.entrySet()) {
      Component c = w.components().get(e.getKey());
      if (e.getValue().getType() == org.cyclonedx.model.Component.Type.MACHINE_LEARNING_MODEL) {
        e.getValue()
            .setModelCard(modelCard(analysis, c, upstream(into, c.id(), included.keySet())));
      }
    }
    bom.setComponents(new ArrayList<>(included.values()));

    List<Dependency> deps = new ArrayList<>();
    Dependency system = new Dependency(SYSTEM_REF);
    for (String id : included.keySet()) system.addDependency(new Dependency(ref(id)));
    deps.add(system);
    for (String id : included.keySet()) {
      Dependency d = new Dependency(ref(id));
      for (String up : upstream(into, id, included.keySet()))
        d.addDependency(new Dependency(ref(up)));
      deps.add(d);
    }
    bom.setDependencies(deps);

    Overview overview = new Overview(analysis);
    List<Vulnerability> vulns = new ArrayList<>();
    for (Finding f : analysis.findings()) vulns.add(vulnerability(overview, f, included.keySet()));
    bom.setVulnerabilities(vulns);
    return bom;
  }

  private static Metadata metadata(Analysis analysis, ReportOptions options) {
    Workflow w = analysis.workflow();
    Metadata m = new Metadata();
    // Metadata stamps the current time by default; only a given timestamp may appear.
    m.setTimestamp(options.timestamp().map(Date::from).orElse(null));
    org.cyclonedx.model.Component tool = new org.cyclonedx.model.Component();
    tool.setType(org.cyclonedx.model.Component.Type.APPLICATION);
    tool.setName("mlsec");
    tool.setVersion(options.toolVersion());
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    m.setToolChoice(tools);
    org.cyclonedx.model.Component system = new org.cyclonedx.model.Component();
    system.setType(org.cyclonedx.model.Component.Type.APPLICATION);
    system.setBomRef(SYSTEM_REF);
    system.setName(w.system());
    if (!blank(w.description())) system.setDescription(w.description());
    m.setComponent(system);
    List<Property> props = new ArrayList<>();
    props.add(property("mlsec:workflow-file", w.displayName()));
    props.add(property("mlsec:catalog-version", analysis.catalog().version()));
    if (!blank(w.owner())) props.add(property("mlsec:owner", w.owner()));
    m.setProperties(props);
    return m;
  }

  private static org.cyclonedx.model.Component component(Workflow w, Component c) {
    org.cyclonedx.model.Component bc = new org.cyclonedx.model.Component();
    if (MODELS.contains(c.kind())) {
      bc.setType(org.cyclonedx.model.Component.Type.MACHINE_LEARNING_MODEL);
    } else if (DATA.contains(c.kind())) {
      bc.setType(org.cyclonedx.model.Component.Type.DATA);
      ComponentData data = new ComponentData();
      data.setType(ComponentData.ComponentDataType.DATASET);
      data.setName(c.label());
      if (!blank(c.description())) data.setDescription(c.description());
      List<String> sensitive = new ArrayList<>();
      for (String a : c.contains()) {
        Asset asset = w.assets().get(a);
        if (asset != null && asset.kind() == AssetKind.DATA && !blank(asset.sensitivity())) {
          sensitive.add(a + ": " + asset.sensitivity());
        }
      }
      if (!sensitive.isEmpty()) data.setSensitiveData(sensitive);
      bc.setData(List.of(data));
    } else if (c.kind() == ComponentKind.DEPENDENCY) {
      bc.setType(org.cyclonedx.model.Component.Type.LIBRARY);
    } else {
      return null;
    }
    bc.setBomRef(ref(c.id()));
    bc.setName(c.label());
    if (!blank(c.description())) bc.setDescription(c.description());
    List<Property> props = new ArrayList<>();
    props.add(property("mlsec:id", c.id()));
    props.add(property("mlsec:kind", c.kind().id()));
    for (Map.Entry<String, Value> a : c.attributes().entrySet()) {
      String v = text(a.getValue());
      if (v != null) props.add(property("mlsec:" + a.getKey(), v));
    }
    for (String asset : c.contains()) props.add(property("mlsec:contains", asset));
    props.add(property("mlsec:line", Integer.toString(c.position().line())));
    bc.setProperties(props);
    return bc;
  }

  private static ModelCard modelCard(Analysis analysis, Component c, List<String> upstream) {
    ModelCard card = new ModelCard();
    ModelParameters params = new ModelParameters();
    List<DatasetChoice> datasets = new ArrayList<>();
    for (String up : upstream) {
      ComponentKind k = analysis.workflow().components().get(up).kind();
      if (DATA.contains(k)) {
        DatasetChoice d = new DatasetChoice();
        d.setRef(ref(up));
        datasets.add(d);
      }
    }
    if (!datasets.isEmpty()) params.setDatasets(datasets);
    c.text("artifact-format").ifPresent(params::setModelArchitecture);
    card.setModelParameters(params);
    List<String> limits = new ArrayList<>();
    for (Finding f : analysis.findings()) {
      if (f.target().equals(c.id()) && f.status().actionable()) {
        limits.add(f.severity().id() + ": " + f.title() + " (" + f.id() + ")");
      }
    }
    Considerations considerations = new Considerations();
    if (!blank(analysis.workflow().description())) {
      considerations.setUseCases(List.of(analysis.workflow().description().strip()));
    }
    if (!limits.isEmpty()) considerations.setTechnicalLimitations(limits);
    card.setConsiderations(considerations);
    return card;
  }

  private static Vulnerability vulnerability(Overview o, Finding f, Set<String> included) {
    Vulnerability v = new Vulnerability();
    v.setBomRef("finding:" + f.id());
    v.setId(f.id());
    Vulnerability.Source mlsec = new Vulnerability.Source();
    mlsec.setName("mlsec");
    v.setSource(mlsec);
    Vulnerability.Rating rating = new Vulnerability.Rating();
    rating.setSource(mlsec);
    rating.setScore(Double.parseDouble(f.severity().securitySeverity()));
    rating.setSeverity(Vulnerability.Rating.Severity.fromString(f.severity().id()));
    rating.setMethod(Vulnerability.Rating.Method.OTHER);
    rating.setJustification(String.join("; ", o.severityReasoning(f)));
    v.setRatings(List.of(rating));
    v.setDescription(f.title());
    StringBuilder detail = new StringBuilder(String.join(" ", f.why()));
    List<String> variants = Overview.variantLines(f);
    if (!variants.isEmpty())
      detail.append(" Variants: ").append(String.join("; ", variants)).append('.');
    if (!f.path().isEmpty())
      detail.append(" Path: ").append(String.join(" -> ", f.path())).append('.');
    v.setDetail(detail.toString());
    o.threat(f.threat())
        .map(Threat::firstStep)
        .filter(s -> !blank(s))
        .ifPresent(v::setRecommendation);
    List<Vulnerability.Reference> refs = new ArrayList<>();
    for (String id : f.refs().atlas()) {
      refs.add(reference(id, "MITRE ATLAS", "https://atlas.mitre.org/techniques/" + id));
    }
    for (String id : f.refs().owaspMl()) {
      refs.add(
          reference(
              id,
              "OWASP Machine Learning Security Top 10",
              "https://owasp.org/www-project-machine-learning-security-top-10/"));
    }
    for (String id : f.refs().owaspLlm()) {
      refs.add(
          reference(
              id, "OWASP Top 10 for LLM Applications", "https://genai.owasp.org/llm-top-10/"));
    }
    if (!refs.isEmpty()) v.setReferences(refs);
    Vulnerability.Analysis state = new Vulnerability.Analysis();
    switch (f.status()) {
      case OPEN -> state.setState(Vulnerability.Analysis.State.EXPLOITABLE);
      case CONDITIONAL, IN_PROGRESS -> state.setState(Vulnerability.Analysis.State.IN_TRIAGE);
      case ACCEPTED -> {
        state.setState(Vulnerability.Analysis.State.EXPLOITABLE);
        state.setResponses(List.of(Vulnerability.Analysis.Response.WILL_NOT_FIX));
      }
      case MITIGATED -> state.setState(Vulnerability.Analysis.State.RESOLVED);
      case FALSE_POSITIVE -> state.setState(Vulnerability.Analysis.State.FALSE_POSITIVE);
    }
    f.decision().ifPresent(d -> state.setDetail(d.reason()));
    v.setAnalysis(state);
    Vulnerability.Affect affect = new Vulnerability.Affect();
    String target =
        f.component().orElseGet(() -> f.path().isEmpty() ? "" : f.path().get(f.path().size() - 1));
    affect.setRef(included.contains(target) ? ref(target) : SYSTEM_REF);
    v.setAffects(List.of(affect));
    List<Property> props = new ArrayList<>();
    props.add(property("mlsec:class", f.threatClass().id()));
    props.add(property("mlsec:status", f.status().id()));
    props.add(property("mlsec:target", f.target()));
    for (String d : f.dependsOn()) props.add(property("mlsec:depends-on", d));
    for (String t : f.threats()) if (!t.equals(f.threat())) props.add(property("mlsec:variant", t));
    props.add(property("mlsec:location", f.location().toString()));
    v.setProperties(props);
    return v;
  }

  /** For each component, the components whose flows lead into it. */
  private static Map<String, List<String>> inbound(Workflow w) {
    Map<String, List<String>> into = new LinkedHashMap<>();
    for (Flow f : w.flows()) into.computeIfAbsent(f.to(), k -> new ArrayList<>()).add(f.from());
    return into;
  }

  /**
   * The nearest BOM components upstream of {@code id}: walks flows backwards through components the
   * BOM leaves out (training jobs, preprocessing, ...) and stops at included ones.
   */
  private static List<String> upstream(
      Map<String, List<String>> into, String id, Set<String> included) {
    Set<String> found = new LinkedHashSet<>();
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(into.getOrDefault(id, List.of()));
    while (!todo.isEmpty()) {
      String n = todo.removeFirst();
      if (n.equals(id) || !seen.add(n)) continue;
      if (included.contains(n)) found.add(n);
      else todo.addAll(into.getOrDefault(n, List.of()));
    }
    return found.stream().sorted().toList();
  }

  private static Vulnerability.Reference reference(String id, String source, String url) {
    Vulnerability.Reference r = new Vulnerability.Reference();
    r.setId(id);
    Vulnerability.Source s = new Vulnerability.Source();
    s.setName(source);
    s.setUrl(url);
    r.setSource(s);
    return r;
  }

  private static String ref(String componentId) {
    return "component:" + componentId;
  }

  private static Property property(String name, String value) {
    Property p = new Property();
    p.setName(name);
    p.setValue(value);
    return p;
  }

  private static String text(Value v) {
    if (v instanceof Value.Bool b) return Boolean.toString(b.value());
    if (v instanceof Value.Text t) return t.value();
    if (v instanceof Value.Texts t) return String.join(",", t.values());
    return null;
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
