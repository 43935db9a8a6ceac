package dev.mlsec.server.store;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** One line of the portfolio: a project's latest version and what is open in it. */
public record ProjectSummary(
    String name,
    int latestVersion,
    Instant lastUpload,
    Map<String, Integer> openBySeverity,
    Map<String, Integer> openByClass,
    Optional<FindingRow> worstOpen) {}
