package dev.mlsec.analysis;

import dev.mlsec.catalog.References;
import dev.mlsec.catalog.Severity;
import dev.mlsec.catalog.ThreatClass;
import dev.mlsec.model.Decision;
import dev.mlsec.model.Position;
import java.util.List;
import java.util.Optional;

/**
 * One threat that applies to one component or flow of the workflow.
 *
 * @param id stable: {@code <threat>@<component>} or {@code <threat>@<from>-><to>}
 * @param component the component id, or empty when the finding is on a flow
 * @param flow the flow id {@code from->to}, or empty when on a component
 * @param why facts of this workflow that make the threat apply, one sentence each
 * @param path component ids from where the attack enters to where it has its effect; may be empty
 * @param dependsOn unknown attributes ({@code component.attribute}) that decide the finding; not
 *     empty exactly when the status is {@link FindingStatus#CONDITIONAL}
 * @param decision the team's triage decision that set the status, if one is in force
 * @param location the line a person must edit: the component's or flow's position
 * @param severitySteps how the severity was reached from the threat's impact, one factor a line
 * @param targets every component or flow this one root cause reaches (the finding's own target
 *     first): findings of one threat that enter at the same place are one finding
 * @param aliases the per-target ids ({@code <threat>@<target>}) of the other targets; decisions and
 *     baselines written for any of them still match this finding
 * @param variants when the group holds more than one threat of a family, every threat in it (this
 *     finding's own first), each with its refs and targets; empty otherwise. {@code refs} is then
 *     the union of the variants' refs
 */
public record Finding(
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
    List<String> severitySteps,
    List<String> targets,
    List<String> aliases,
    List<Variant> variants) {

  public Finding {
    variants = List.copyOf(variants);
    severitySteps = List.copyOf(severitySteps);
    targets = List.copyOf(targets);
    aliases = List.copyOf(aliases);
    why = List.copyOf(why);
    path = List.copyOf(path);
    dependsOn = List.copyOf(dependsOn);
    mitigations = List.copyOf(mitigations);
  }

  /** Its id followed by its aliases: every id a decision or a baseline may use for it. */
  public List<String> ids() {
    if (aliases.isEmpty()) return List.of(id);
    List<String> out = new java.util.ArrayList<>(aliases.size() + 1);
    out.add(id);
    out.addAll(aliases);
    return out;
  }

  /** The threat ids this finding stands for: its own, then those of its other variants. */
  public List<String> threats() {
    if (variants.isEmpty()) return List.of(threat);
    return variants.stream().map(Variant::threat).toList();
  }

  /** The component or flow the finding is on. */
  public String target() {
    return component.orElseGet(() -> flow.orElse(""));
  }
}
