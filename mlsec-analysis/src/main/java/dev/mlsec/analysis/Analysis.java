package dev.mlsec.analysis;

import dev.mlsec.catalog.Catalog;
import dev.mlsec.model.Workflow;
import java.util.List;

/**
 * Everything the analysis of one workflow found, in a deterministic order: findings by class
 * (ml-specific, ml-amplified, conventional), then severity, then id.
 *
 * @param unmatchedThreats threat ids exposed by the workflow that no concern of the team named
 * @param controlWarnings controls the team claims or has implemented that cover no finding where
 *     they stand
 */
public record Analysis(
    Workflow workflow,
    Catalog catalog,
    List<Finding> findings,
    List<Claim> claims,
    List<ConcernMatch> concerns,
    List<String> unmatchedThreats,
    List<OpenQuestion> openQuestions,
    List<ControlWarning> controlWarnings) {

  public Analysis {
    findings = List.copyOf(findings);
    claims = List.copyOf(claims);
    concerns = List.copyOf(concerns);
    unmatchedThreats = List.copyOf(unmatchedThreats);
    openQuestions = List.copyOf(openQuestions);
    controlWarnings = List.copyOf(controlWarnings);
  }
}
