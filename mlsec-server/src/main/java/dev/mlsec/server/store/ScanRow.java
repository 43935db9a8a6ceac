package dev.mlsec.server.store;

import java.time.Instant;
import java.util.Map;

/** One stored scan of a version: who sent it when, its verdict counts and the report as sent. */
public record ScanRow(
    int number,
    Instant uploadedAt,
    String uploadedBy,
    String gitCommit,
    String gitBranch,
    Map<String, Integer> verdicts,
    String report) {}
