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
 * displayName} is how the file is named in messages and reports. {@code riskClass} is the EU AI Act
 * risk class the team states for the system ({@link #RISK_CLASSES}), or empty when not stated;
 * {@code warnings} holds what the loader dropped as meaningless, in file order.
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
    List<Decision> decisions,
    String riskClass,
    List<LoadWarning> warnings) {

  /** The EU AI Act risk classes, from prohibited practices (Art. 5) to minimal risk. */
  public static final List<String> RISK_CLASSES =
      List.of("unacceptable", "high", "limited", "minimal");

  /** A workflow without a stated risk class and without warnings. */
  public Workflow(
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
    this(
        source,
        displayName,
        formatVersion,
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
        "",
        List.of());
  }

  public Workflow {
    assets = Collections.unmodifiableMap(new LinkedHashMap<>(assets));
    components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    flows = List.copyOf(flows);
    zones = Collections.unmodifiableMap(new LinkedHashMap<>(zones));
    controls = List.copyOf(controls);
    concerns = List.copyOf(concerns);
    decisions = List.copyOf(decisions);
    riskClass = riskClass == null ? "" : riskClass;
    warnings = List.copyOf(warnings);
  }

  public Optional<Component> component(String id) {
    return Optional.ofNullable(components.get(id));
  }
}
