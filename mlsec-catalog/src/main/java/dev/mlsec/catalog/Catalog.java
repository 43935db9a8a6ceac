package dev.mlsec.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The threats, controls and families the analysis knows, in a fixed order.
 *
 * @param referenceTitles framework (atlas, owasp-ml, owasp-llm, nist-aml, eu-ai-act) to reference
 *     id to its title, as the catalog's reference lists give them
 */
public record Catalog(
    String version,
    List<Family> families,
    List<Threat> threats,
    List<ControlDef> controls,
    Map<String, Map<String, String>> referenceTitles) {

  public Catalog {
    families = List.copyOf(families);
    threats = List.copyOf(threats);
    controls = List.copyOf(controls);
    referenceTitles = Map.copyOf(referenceTitles);
  }

  public Catalog(
      String version, List<Family> families, List<Threat> threats, List<ControlDef> controls) {
    this(version, families, threats, controls, Map.of());
  }

  /** The title of a reference id, e.g. ("nist-aml", "NISTAML.022") -> "Evasion". */
  public Optional<String> referenceTitle(String framework, String id) {
    return Optional.ofNullable(referenceTitles.getOrDefault(framework, Map.of()).get(id));
  }

  public Optional<Threat> threat(String id) {
    return threats.stream().filter(t -> t.id().equals(id)).findFirst();
  }

  public Optional<ControlDef> control(String id) {
    return controls.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  public Optional<Family> family(String id) {
    return families.stream().filter(f -> f.id().equals(id)).findFirst();
  }
}
