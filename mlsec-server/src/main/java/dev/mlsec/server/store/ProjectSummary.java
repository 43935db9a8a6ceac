package dev.mlsec.server.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One line of the portfolio: a project's latest version, what is open in it, and its trend (the
 * last {@link Trends#VERSIONS} versions, oldest first).
 */
public record ProjectSummary(
    String name,
    int latestVersion,
    Instant lastUpload,
    Map<String, Integer> openBySeverity,
    Map<String, Integer> openByClass,
    Optional<FindingRow> worstOpen,
    List<Trends.Point> trend) {}
