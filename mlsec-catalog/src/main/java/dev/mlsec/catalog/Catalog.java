package dev.mlsec.catalog;

import java.util.List;
import java.util.Optional;

/** The threats, controls and families the analysis knows, in a fixed order. */
public record Catalog(
    String version, List<Family> families, List<Threat> threats, List<ControlDef> controls) {

  public Catalog {
    families = List.copyOf(families);
    threats = List.copyOf(threats);
    controls = List.copyOf(controls);
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
