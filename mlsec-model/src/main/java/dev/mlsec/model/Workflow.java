package dev.mlsec.model;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole workflow as loaded from one file. Maps keep the order of the file. {@code source} is the
 * file it came from (for resolving relative paths such as artifacts and evidence); {@code
 * displayName} is how the file is named in messages and reports.
 */
public record Workflow(
    Path source,
    String displayName,
    int formatVersion,
    String system,
    String description,
    String owner,
    Map<String, Asset> assets,
    Map<String, Component> components,
    List<Flow> flows,
    Map<String, Zone> zones,
    List<Control> controls,
    List<Concern> concerns,
    List<Decision> decisions) {

  public Workflow {
    assets = Collections.unmodifiableMap(new LinkedHashMap<>(assets));
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    flows = List.copyOf(flows);
    zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
    controls = List.copyOf(controls);
    concerns = List.copyOf(concerns);
    decisions = List.copyOf(decisions);
  }

  public Optional<Component> component(String id) {
    return Optional.ofNullable(components.get(id));
  }
}
