package dev.mlsec.analysis;

import dev.mlsec.catalog.References;
import dev.mlsec.catalog.Severity;
import java.util.List;

/**
 * One attack a grouped finding stands for: findings of one family that enter at the same place are
 * one finding, and each threat among them is a variant with its own references and targets.
 *
 * @param threat the catalog threat id
 * @param id the per-target id of its most severe member ({@code <threat>@<target>})
 * @param targets the components or flows this variant reaches
 * @param path the path of its most severe member, from the shared entry to that member's target
 */
public record Variant(
    String threat,
    String id,
    String title,
    Severity severity,
    References refs,
    List<String> targets,
    List<String> path) {
  public Variant {
    targets = List.copyOf(targets);
    path = List.copyOf(path);
  }
}
