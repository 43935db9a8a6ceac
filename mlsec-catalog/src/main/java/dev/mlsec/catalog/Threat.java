package dev.mlsec.catalog;

import dev.mlsec.model.Position;
import java.util.List;

/**
 * One catalog threat, as data. See docs/catalog-format.md for every field.
 *
 * @param appliesTo component kind ids, or {@code flow}
 * @param condition CEL source, compiled once when the catalog loads
 * @param why explanation templates, one sentence each, with {@code {c.x}} / {@code {f.x}} slots
 * @param path how the attack path is drawn: influence, query, content, artifact, credential or none
 * @param impact the severity before exposure, assets and controls adjust it
 * @param summary one line for a newcomer
 * @param detail a paragraph for an expert: what happens, what the attacker needs, where it enters,
 *     what it costs the business, what to do first
 * @param falsePositive when this finding is a false positive, so a team can decide quickly
 * @param keywords words and phrases that map a team's free-text concern to this threat
 */
public record Threat(
    String id,
    String title,
    ThreatClass threatClass,
    String family,
    String stage,
    List<String> appliesTo,
    String condition,
    List<String> why,
    String path,
    Severity impact,
    String summary,
    String detail,
    String attackerNeeds,
    String businessImpact,
    String firstStep,
    String falsePositive,
    List<String> keywords,
    References refs,
    Position position) {

  public Threat {
    appliesTo = List.copyOf(appliesTo);
    why = List.copyOf(why);
    keywords = List.copyOf(keywords);
  }
}
