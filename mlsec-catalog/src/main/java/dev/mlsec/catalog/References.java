package dev.mlsec.catalog;

import java.util.List;

/**
 * What a threat maps to in the public frameworks: MITRE ATLAS technique ids (5.6.0), OWASP ML Top
 * 10 2023 (ML01:2023 ...), OWASP LLM Top 10 2025 (LLM01:2025 ...), NIST AI 100-2 E2025
 * (NISTAML.xxx) and EU AI Act article paragraphs (e.g. "Art. 15(5)").
 */
public record References(
    List<String> atlas,
    List<String> owaspMl,
    List<String> owaspLlm,
    List<String> nistAml,
    List<String> euAiAct) {

  public static final References NONE =
      new References(List.of(), List.of(), List.of(), List.of(), List.of());

  public References {
    atlas = List.copyOf(atlas);
    owaspMl = List.copyOf(owaspMl);
    owaspLlm = List.copyOf(owaspLlm);
    nistAml = List.copyOf(nistAml);
    euAiAct = List.copyOf(euAiAct);
  }
}
